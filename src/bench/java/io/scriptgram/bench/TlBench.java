package io.scriptgram.bench;

import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlJson;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code scriptgram bench tl}: encode and decode of a realistic messages.messages, beside Jackson on the same data. */
public final class TlBench implements Bench {
    @Override
    public String name() {
        return "tl";
    }

    @Override
    public String description() {
        return "TL encode/decode of messages.messages (100 messages, 50 users, 20 chats) vs Jackson parsing its JSON";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        TlSchema schema = TlSchema.bundled();
        TlObject o = TlFixtures.messagesMessages(schema, 1);
        double size = TlCodec.encode(o).length;
        double jsonSize = TlJson.toJsonString(TlJson.toJson(o), false).getBytes(StandardCharsets.UTF_8).length;
        int objects = TlFixtures.countObjects(o);
        Map<String, Double> ops = JmhRunner.opsPerSecond(TlJmh.class, quick);
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("payload_bytes", size);
        out.put("objects_per_payload", (double) objects);
        out.put("decode_mb_s", ops.get("decode") * size / 1e6);
        out.put("decode_objects_s", ops.get("decode") * objects);
        out.put("encode_mb_s", ops.get("encode") * size / 1e6);
        out.put("encode_objects_s", ops.get("encode") * objects);
        out.put("json_parse_payloads_s", ops.get("jsonParse"));
        out.put("decode_payloads_s", ops.get("decode"));
        out.put("decode_vs_json_parse_ratio", ops.get("decode") / ops.get("jsonParse"));
        out.put("json_payload_bytes", jsonSize);
        return out;
    }
}
