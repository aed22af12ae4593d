package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scriptgram.tl.TlObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every TL value kind crosses the boundary both ways, in both languages: the script sends a {@code test.kinds} holding
 * each kind (the fake records exactly what arrived), gets it back (and reports what types it sees), and sends the
 * received object back unchanged (round trip).
 */
class ScriptValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "héllo 👋 мир";

    @TempDir
    Path dir;

    private static final String JS = """
            const sent = {_: "test.kinds", i: 2147483647, l: 9223372036854775807n, d: 1.5, s: "héllo 👋 мир",
              b: new Uint8Array([0, 1, 255]), n128: new Uint8Array(16).fill(7), n256: new Uint8Array(32).fill(9), \
            ok: true, yes: true,
              v: [1, -9223372036854775808n, "9223372036854775806", 9007199254740992],
              nested: {_: "test.kinds", i: -2147483648, l: -5, d: -0.25, s: "", b: new Uint8Array(0), \
            n128: new Uint8Array(16),
                       n256: new Uint8Array(32), ok: false, v: [], opt: null}};
            const k = await test.echo({k: sent});
            const { _: name, nested: { i: nestedI } } = k;
            const seen = {
              keys: Object.keys(k), name, nestedI, i: k.i, l: typeof k.l + ":" + String(k.l), d: k.d, s: k.s,
              b: k.b instanceof Uint8Array ? Array.from(k.b) : "not a Uint8Array",
              n128: k.n128 instanceof Uint8Array ? k.n128.length : -1, \
            n256: k.n256 instanceof Uint8Array ? k.n256.length : -1,
              ok: k.ok, yes: k.yes, nestedOk: k.nested.ok, nestedYes: k.nested.yes, nestedHasOpt: "opt" in k.nested,
              v: k.v.map(x => typeof x + ":" + String(x)), json: JSON.stringify({s: k.s, v: k.nested.v, d: k.d, \
            l: k.l}),
            };
            await test.note({text: JSON.stringify(seen)});
            await test.echo({k});
            const longs = await test.longs();
            await test.note({text: JSON.stringify(longs.map(x => typeof x + ":" + String(x)))});
            const bad = [];
            for (const [label, f] of [
              ["unknown", () => test.echo({k: sent, nope: 1})],
              ["wrongType", () => test.echo({k: {...sent, i: "x"}})],
              ["inexactLong", () => test.echo({k: {...sent, l: 2 ** 62}})],
              ["badLongString", () => test.echo({k: {...sent, l: "12abc"}})],
              ["shortInt128", () => test.echo({k: {...sent, n128: new Uint8Array(3)}})],
              ["missing", () => test.echo({k: {_: "test.kinds"}})],
              ["unknownMethod", () => invoke("test.nope", {})],
            ]) {
              try { await f(); bad.push(label + ": no error"); }
              catch (e) { bad.push(label + ": " + e.constructor.name + ": " + e.message); }
            }
            await test.note({text: JSON.stringify(bad)});
            """;

    private static final String PY = """
            import json
            sent = {"_": "test.kinds", "i": 2147483647, "l": 9223372036854775807, "d": 1.5, "s": "héllo 👋 мир",
                    "b": b"\\x00\\x01\\xff", "n128": bytes([7] * 16), "n256": bytes([9] * 32), "ok": True, "yes": True,
                    "v": [1, -9223372036854775808, "9223372036854775806", 9007199254740992],
                    "nested": {"_": "test.kinds", "i": -2147483648, "l": -5, "d": -0.25, "s": "", "b": b"", \
            "n128": bytes(16),
                               "n256": bytes(32), "ok": False, "v": [], "opt": None}}
            k = test.echo(k=sent)
            seen = {
                "keys": list(k.keys()), "name": k._ if False else k["_"], "nestedI": k.nested.i, "i": k.i,
                "l": type(k.l).__name__ + ":" + str(k.l), "d": k["d"], "s": k.s,
                "b": list(k.b) if isinstance(k.b, bytes) else "not bytes",
                "n128": len(k.n128) if isinstance(k.n128, bytes) else -1, "n256": len(k.n256) if isinstance(k.n256, \
            bytes) else -1,
                "ok": k.ok, "yes": k.yes, "nestedOk": k.nested.ok, "nestedYes": k.nested.yes, \
            "nestedHasOpt": "opt" in k.nested,
                "v": [type(x).__name__ + ":" + str(x) for x in k.v],
                "isDict": isinstance(k, dict), "dictKeys": list(dict(k).keys()), \
            "inCheck": "s" in k and "count" not in k,
            }
            test.note(text=json.dumps(seen))
            test.echo({"k": k})
            longs = test.longs()
            test.note({"text": json.dumps([type(x).__name__ + ":" + str(x) for x in longs])})
            bad = []
            for label, f in [
                ("unknown", lambda: test.echo(k=sent, nope=1)),
                ("wrongType", lambda: test.echo(k={**sent, "i": "x"})),
                ("badLongString", lambda: test.echo(k={**sent, "l": "12abc"})),
                ("tooBigLong", lambda: test.echo(k={**sent, "l": 2 ** 64})),
                ("shortInt128", lambda: test.echo(k={**sent, "n128": b"abc"})),
                ("missing", lambda: test.echo(k={"_": "test.kinds"})),
                ("unknownMethod", lambda: invoke("test.nope")),
                ("twoDicts", lambda: test.echo({"k": sent}, {"k": sent})),
            ]:
                try:
                    f()
                    bad.append(label + ": no error")
                except Exception as e:
                    bad.append(label + ": " + type(e).__name__ + ": " + str(e))
            test.note(text=json.dumps(bad))
            """;

    @Test
    void javaScript() throws Exception {
        run("kinds.js", JS, "bigint", "number");
    }

    @Test
    void python() throws Exception {
        run("kinds.py", PY, "int", "int");
    }

    private void run(String file, String script, String bigType, String smallType) throws Exception {
        FakeApi api = FakeApi.test();
        boolean js = file.endsWith(".js");
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(30))) {
            ScriptHandle h = Scripts.load(host, dir, file, script);
            JsonNode seen = JSON.readTree(Scripts.note(api));
            JsonNode longs = JSON.readTree(Scripts.note(api));
            JsonNode bad = JSON.readTree(Scripts.note(api));
            h.completion().get();

            // script → Java: exactly what was written arrived
            List<TlObject> echoes =
                    api.calls.stream().filter(c -> c.name().equals("test.echo")).toList();
            assertEquals(2, echoes.size(), "bad calls must be refused before anything is sent: " + echoes);
            TlObject k = echoes.get(0).getObject("k");
            assertEquals(Integer.MAX_VALUE, k.getInt("i"));
            assertEquals(Long.MAX_VALUE, k.getLong("l"));
            assertEquals(1.5, (Double) k.get("d"));
            assertEquals(TEXT, k.getString("s"));
            assertArrayEquals(new byte[] {0, 1, (byte) 255}, k.getBytes("b"));
            byte[] sevens = new byte[16], nines = new byte[32];
            Arrays.fill(sevens, (byte) 7);
            Arrays.fill(nines, (byte) 9);
            assertArrayEquals(sevens, k.getBytes("n128"));
            assertArrayEquals(nines, k.getBytes("n256"));
            assertTrue(k.getBool("ok"));
            assertTrue(k.getBool("yes"));
            assertEquals(List.of(1L, Long.MIN_VALUE, 9223372036854775806L, 9007199254740992L), k.getList("v"));
            TlObject nested = k.getObject("nested");
            assertEquals(Integer.MIN_VALUE, nested.getInt("i"));
            assertEquals(-0.25, (Double) nested.get("d"));
            assertFalse(nested.getBool("ok"));
            assertFalse(nested.has("yes"), "false for a true-flag means absent");
            assertFalse(nested.has("opt"), "null optional means absent");
            assertFalse(nested.has("nested"));
            assertEquals(List.of(), nested.getList("v"));
            // round trip: the object received, sent back untouched, is the same TL value
            assertEquals(k, echoes.get(1).getObject("k"));

            // Java → script: what the script saw
            assertEquals(
                    List.of("_", "i", "l", "d", "s", "b", "n128", "n256", "ok", "yes", "v", "nested"),
                    strings(seen.get("keys")));
            assertEquals("test.kinds", seen.get("name").asText());
            assertEquals(Integer.MIN_VALUE, seen.get("nestedI").asInt());
            assertEquals(Integer.MAX_VALUE, seen.get("i").asInt());
            assertEquals(bigType + ":9223372036854775807", seen.get("l").asText());
            assertEquals(1.5, seen.get("d").asDouble());
            assertEquals(TEXT, seen.get("s").asText());
            assertEquals("[0,1,255]", seen.get("b").toString());
            assertEquals(16, seen.get("n128").asInt());
            assertEquals(32, seen.get("n256").asInt());
            assertTrue(seen.get("ok").asBoolean());
            assertTrue(seen.get("yes").asBoolean());
            assertFalse(seen.get("nestedOk").asBoolean());
            assertTrue(
                    seen.get("nestedYes").isBoolean() && !seen.get("nestedYes").asBoolean(),
                    "an absent true-flag reads as false");
            assertFalse(seen.get("nestedHasOpt").asBoolean(), "absent optional fields are left out");
            assertEquals(
                    List.of(
                            smallType + ":1",
                            bigType + ":-9223372036854775808",
                            bigType + ":9223372036854775806",
                            smallType + ":9007199254740992"),
                    strings(seen.get("v")));
            assertEquals(
                    List.of(
                            bigType + ":9223372036854775807",
                            bigType + ":-9223372036854775808",
                            smallType + ":9007199254740992",
                            bigType + ":9007199254740993",
                            smallType + ":42"),
                    strings(longs));
            if (js) {
                assertEquals(
                        "{\"s\":\"" + TEXT + "\",\"v\":[],\"d\":1.5,\"l\":\"9223372036854775807\"}",
                        seen.get("json").asText(),
                        "BigInt longs serialise as decimal strings");
            } else {
                assertTrue(seen.get("isDict").asBoolean());
                assertEquals(strings(seen.get("keys")), strings(seen.get("dictKeys")));
                assertTrue(seen.get("inCheck").asBoolean());
            }

            // bad input: each refused with an error naming the method and the field
            List<String> errors = strings(bad);
            String type = "TypeError: ";
            assertLine(errors, "unknown: " + type + "test.echo: unknown field 'nope'");
            assertLine(errors, "wrongType: " + type + "test.echo: test.kinds: field 'i' expects int, got string \"x\"");
            assertLine(errors, "badLongString: " + type + "test.echo: test.kinds: field 'l' expects long");
            assertLine(errors, "shortInt128: " + type + "test.echo: test.kinds: field 'n128' expects int128");
            assertLine(errors, "missing: " + type + "test.echo: test.kinds: missing required field 'i'");
            assertLine(errors, "unknownMethod: " + type + "test.nope: unknown API method 'test.nope'");
            if (js)
                assertLine(
                        errors,
                        "inexactLong: " + type
                                + "test.echo: test.kinds: field 'l' expects long, got double 4.611686018427388E18 "
                                + "(not an exact integer)");
            else {
                assertLine(
                        errors,
                        "tooBigLong: " + type + "test.echo: test.kinds: field 'l' expects long, got biginteger "
                                + "18446744073709551616 (out of long range)");
                assertLine(errors, "twoDicts: " + type + "test.echo: pass parameters as keywords or as one dict");
            }
            assertTrue(h.errors().isEmpty(), h.errors().toString());
        }
    }

    private static void assertLine(List<String> lines, String prefix) {
        assertTrue(
                lines.stream().anyMatch(l -> l.startsWith(prefix)),
                "expected a line starting with\n  " + prefix + "\nin\n  " + String.join("\n  ", lines));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
