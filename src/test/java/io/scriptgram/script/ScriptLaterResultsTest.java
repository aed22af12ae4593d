package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw call's result reaches JS converted only when the script first reads it (an awaited sendMessage whose answer is
 * never read costs no conversion). Whatever the script does first, the result behaves as the plain object it was
 * before: keys, JSON, spread, {@code in}, prototype, assignment, delete, freeze, awaiting it, sending it back.
 */
class ScriptLaterResultsTest {
    @TempDir
    Path dir;

    private static final String SENT = """
            const sent = {_: "test.kinds", i: 7, l: 5, d: 1.5, s: "x", b: new Uint8Array([1]), n128: new Uint8Array(16),
              n256: new Uint8Array(32), ok: true, v: [1, 2], nested: {_: "test.kinds", i: 8, l: 1, d: 0, s: "",
              b: new Uint8Array(0), n128: new Uint8Array(16), n256: new Uint8Array(32), ok: false, v: []}};
            const echo = () => test.echo({k: sent});
            """;

    @Test
    void aResultReadsAsAPlainObjectWhateverTouchesItFirst() throws Exception {
        String script = SENT + """
                const seen = {};
                seen.then = (await echo()).then === undefined;
                seen.keys = Object.keys(await echo()).join();
                seen.json = JSON.stringify(await echo()).length > 50;
                seen.spread = Object.keys({...(await echo())}).length;
                seen.inOp = '_' in (await echo()) && !('count' in (await echo()));
                seen.proto = Object.getPrototypeOf(await echo()) === Object.prototype && (await echo()) instanceof Object;
                seen.nested = (await echo()).nested.i;
                const { _: name, v: [first] } = await echo();
                seen.destructured = name + first;
                const a = await echo();
                a.extra = 1;
                delete a.s;
                seen.assigned = [a.extra, 's' in a, Object.keys(a).includes('extra')].join();
                const f = Object.freeze(await echo());
                seen.frozen = Object.isFrozen(f) && Object.getOwnPropertyDescriptor(f, 'i').writable === false;
                seen.descriptor = JSON.stringify(Object.getOwnPropertyDescriptor(await echo(), 'i'));
                const same = await echo();
                seen.identity = same === same && (await Promise.resolve(same)) === same;
                seen.arrayIsArray = Array.isArray((await echo()).v);
                seen.back = (await test.echo({k: await echo()})).i;
                await test.note({text: JSON.stringify(seen)});
                """;
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(30))) {
            ScriptHandle h = Scripts.load(host, dir, "later.js", script);
            String seen = Scripts.note(api);
            h.completion().get();
            assertEquals(
                    "{\"then\":true,\"keys\":\"_,i,l,d,s,b,n128,n256,ok,yes,v,nested\",\"json\":true,\"spread\":12,"
                            + "\"inOp\":true,\"proto\":true,\"nested\":8,\"destructured\":\"test.kinds1\","
                            + "\"assigned\":\"1,false,true\",\"frozen\":true,"
                            + "\"descriptor\":\"{\\\"value\\\":7,\\\"writable\\\":true,\\\"enumerable\\\":true,"
                            + "\\\"configurable\\\":true}\",\"identity\":true,\"arrayIsArray\":true,\"back\":7}",
                    seen);
            assertEquals(0, h.errors().size(), () -> h.errors().toString());
        }
    }
}
