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
 * {@code scriptgram bench tl}: encode and decode of a realistic messages.messages, beside Jackson on the same data and
 * beside mtcute's generated reader (node) decoding the same bytes. mtcute runs before and after our JMH run and each
 * side's best round counts, so a busy neighbour on a shared machine hurts both alike.
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
        double size = bytes.length;
        double jsonSize = TlJson.toJsonString(TlJson.toJson(o), false).getBytes(StandardCharsets.UTF_8).length;
        int objects = TlFixtures.countObjects(o);

        Optional<MtcuteReference> mtcute = MtcuteReference.find(name());
        Path payload = Files.createTempFile("scriptgram-bench-tl", ".bin");
        List<Double> mtcuteRounds = new ArrayList<>();
        Map<String, JmhRunner.Score> ops;
        try {
            Files.write(payload, bytes);
            if (mtcute.isPresent()) mtcuteRounds.addAll(mtcuteRounds(mtcute.get(), payload, schema, quick));
            ops = JmhRunner.scores(TlJmh.class, quick);
            if (mtcute.isPresent()) mtcuteRounds.addAll(mtcuteRounds(mtcute.get(), payload, schema, quick));
        } finally {
            Files.deleteIfExists(payload);
        }

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
        // Best rounds on both sides, for the comparison with mtcute.
        double best = ops.get("decode").best() * size / 1e6;
        out.put("tl_decode_mb_s", best);
        out.put("tl_encode_mb_s", ops.get("encode").best() * size / 1e6);
        if (!mtcuteRounds.isEmpty()) {
            double reference = mtcuteRounds.stream().mapToDouble(d -> d).max().orElseThrow() * size / 1e6;
            out.put("mtcute_decode_mb_s", reference);
            out.put("tl_decode_vs_mtcute", best / reference);
        }
        return out;
    }

    /** Payloads/s of each of mtcute's rounds; none (with a note) when the harness fails or its layer differs. */
    private List<Double> mtcuteRounds(MtcuteReference mtcute, Path payload, TlSchema schema, boolean quick)
            throws Exception {
        List<String> args = List.of(payload.toString(), quick ? "3" : "5", quick ? "500" : "1000");
        Optional<JsonNode> result = mtcute.run(name(), HARNESS, args, 120);
        if (result.isEmpty()) return List.of();
        int layer = result.get().path("layer").asInt();
        if (layer != schema.layer()) {
            MtcuteReference.note(
                    name(),
                    "mtcute " + MtcuteReference.VERSION + " has layer " + layer + ", ours is " + schema.layer()
                            + "; the mtcute comparison is skipped");
            return List.of();
        }
        List<Double> rounds = new ArrayList<>();
        for (JsonNode v : result.get().path("payloads_s")) rounds.add(v.asDouble());
        return rounds;
    }
}
