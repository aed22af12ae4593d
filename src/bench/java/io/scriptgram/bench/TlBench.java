package io.scriptgram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlJson;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code scriptgram bench tl}: encode and decode of a realistic messages.messages (JMH), beside Jackson on the same
 * data, and our decoder beside mtcute's generated reader (node) on the same bytes in interleaved rounds, compared per
 * CPU second so a busy neighbour on a shared machine does not decide the ratio.
 */
public final class TlBench implements Bench {
    private static final String HARNESS = "mtcute-tl-decode.mjs";

    @Override
    public String name() {
        return "tl";
    }

    @Override
    public String description() {
        return "TL encode/decode of messages.messages (100 messages, 50 users, 20 chats) vs Jackson parsing its JSON"
                + " and vs mtcute " + MtcuteReference.VERSION + " (node) decoding the same bytes";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        TlSchema schema = TlSchema.bundled();
        TlObject o = TlFixtures.messagesMessages(schema, 1);
        byte[] bytes = TlCodec.encode(o);
        Optional<Path> base = TlPaired.base();
        if (base.isPresent()) return TlPaired.run(base.get(), bytes, quick);
        double size = bytes.length;
        double jsonSize = TlJson.toJsonString(TlJson.toJson(o), false).getBytes(StandardCharsets.UTF_8).length;
        int objects = TlFixtures.countObjects(o);

        Optional<MtcuteReference> mtcute = MtcuteReference.find(name());
        Map<String, JmhRunner.Score> ops = JmhRunner.scores(TlJmh.class, quick);
        // The comparison decodes one payload on both sides, so it is built in mtcute's layer where ours differs;
        // our decoder reads it with that layer's schema (the same generated field readers).
        TlSchema cmpSchema =
                schema.layer() == MtcuteReference.LAYER || mtcute.isEmpty() ? schema : MtcuteReference.layerSchema();
        byte[] cmpBytes = cmpSchema == schema ? bytes : TlCodec.encode(TlFixtures.messagesMessages(cmpSchema, 1));
        double cmpSize = cmpBytes.length;
        Comparison cmp = compare(mtcute.orElse(null), cmpSchema, cmpBytes, quick);

        double decode = ops.get("decode").mean(), encode = ops.get("encode").mean();
        double jsonParse = ops.get("jsonParse").mean();
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("payload_bytes", size);
        out.put("objects_per_payload", (double) objects);
        out.put("decode_mb_s", decode * size / 1e6);
        out.put("decode_objects_s", decode * objects);
        out.put("encode_mb_s", encode * size / 1e6);
        out.put("encode_objects_s", encode * objects);
        out.put("json_parse_payloads_s", jsonParse);
        out.put("decode_payloads_s", decode);
        out.put("decode_vs_json_parse_ratio", decode / jsonParse);
        out.put("json_payload_bytes", jsonSize);
        out.put("tl_encode_mb_s", ops.get("encode").best() * size / 1e6);
        out.put("tl_decode_mb_s", median(cmp.oursPerCpu) * cmpSize / 1e6);
        out.put("tl_decode_min_mb_s", min(cmp.oursPerCpu) * cmpSize / 1e6);
        out.put("tl_decode_wall_best_mb_s", max(cmp.oursWall) * cmpSize / 1e6);
        out.put("tl_decode_layer", (double) cmpSchema.layer());
        out.put("tl_decode_alloc_bytes", median(cmp.oursAlloc));
        if (!cmp.mtcutePerCpu.isEmpty()) {
            out.put("mtcute_decode_mb_s", median(cmp.mtcutePerCpu) * cmpSize / 1e6);
            out.put("tl_decode_vs_mtcute", median(cmp.oursPerCpu) / median(cmp.mtcutePerCpu));
            out.put("mtcute_decode_min_mb_s", min(cmp.mtcutePerCpu) * cmpSize / 1e6);
            out.put("mtcute_decode_wall_best_mb_s", max(cmp.mtcuteWall) * cmpSize / 1e6);
        }
        return out;
    }

    /** Rounds of both decoders, payloads per second: per CPU second (the compared figure) and per wall second. */
    private record Comparison(
            List<Double> oursPerCpu,
            List<Double> mtcutePerCpu,
            List<Double> oursWall,
            List<Double> mtcuteWall,
            List<Double> oursAlloc) {}

    /**
     * Interleaves mtcute (a node child process, warmed up in each run) and our decoder in this JVM: mtcute, ours,
     * mtcute, ours. Figures are per CPU second, so neighbours taking the CPU away from one side do not count against
     * it; the medians are compared. Without mtcute (null), only our rounds.
     */
    private Comparison compare(MtcuteReference mtcute, TlSchema schema, byte[] bytes, boolean quick) throws Exception {
        int rounds = quick ? 3 : 5;
        long millis = quick ? 500 : 1000;
        TlDecodeRounds ours = new TlDecodeRounds(new TlCodec(schema), bytes);
        // JIT warm-up, in this thread's CPU time: wall-time rounds on a busy machine may leave the compilers still at
        // work (and their CPU counted) in the measured rounds.
        for (int i = 0; i < (quick ? 2 : 5); i++) ours.cpuRound(millis);
        Comparison c = new Comparison(
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Path payload = Files.createTempFile("scriptgram-bench-tl", ".bin");
        try {
            Files.write(payload, bytes);
            for (int pass = 0; pass < 2; pass++) {
                if (mtcute != null) mtcute = mtcuteRounds(mtcute, payload, schema, rounds, millis, c);
                for (int i = 0; i < rounds; i++) {
                    double[] r = ours.round(millis);
                    c.oursWall.add(r[0]);
                    c.oursPerCpu.add(r[1]);
                    c.oursAlloc.add(r[2]);
                }
            }
        } finally {
            Files.deleteIfExists(payload);
        }
        if (ours.sink() == 0) throw new IllegalStateException("nothing decoded");
        return c;
    }

    /** One run of the harness into {@code c}; null (with a note) when it failed or its layer is not ours. */
    private MtcuteReference mtcuteRounds(
            MtcuteReference mtcute, Path payload, TlSchema schema, int rounds, long millis, Comparison c)
            throws Exception {
        List<String> args = List.of(payload.toString(), Integer.toString(rounds), Long.toString(millis));
        Optional<JsonNode> result = mtcute.run(name(), HARNESS, args, 120);
        if (result.isEmpty()) return null;
        int layer = result.get().path("layer").asInt();
        if (layer != schema.layer()) {
            MtcuteReference.note(
                    name(),
                    "mtcute " + MtcuteReference.VERSION + " has layer " + layer + ", ours is " + schema.layer()
                            + "; the mtcute comparison is skipped");
            return null;
        }
        for (JsonNode v : result.get().path("payloads_per_cpu_s")) c.mtcutePerCpu.add(v.asDouble());
        for (JsonNode v : result.get().path("payloads_s")) c.mtcuteWall.add(v.asDouble());
        return mtcute;
    }

    private static double median(List<Double> xs) {
        return TlPaired.median(xs);
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
