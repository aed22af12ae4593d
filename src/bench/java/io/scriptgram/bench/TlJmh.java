package io.scriptgram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlJson;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH benchmarks behind {@code scriptgram bench tl}: TL encode/decode and Jackson on the same data as reference. */
@State(Scope.Thread)
public class TlJmh {
    TlObject object;
    byte[] bytes;
    TlCodec codec;
    byte[] json;
    ObjectMapper mapper;

    @Setup
    public void setup() {
        TlSchema schema = TlSchema.bundled();
        codec = new TlCodec(schema);
        object = TlFixtures.messagesMessages(schema, 1);
        bytes = TlCodec.encode(object);
        json = TlJson.toJsonString(TlJson.toJson(object), false).getBytes(StandardCharsets.UTF_8);
        mapper = new ObjectMapper();
    }

    @Benchmark
    public byte[] encode() {
        return TlCodec.encode(object);
    }

    @Benchmark
    public TlObject decode() {
        return codec.decode(bytes);
    }

    /** Reference: parsing the same result as JSON with Jackson (what a JSON-based API would pay). */
    @Benchmark
    public JsonNode jsonParse() throws Exception {
        return mapper.readTree(json);
    }
}
