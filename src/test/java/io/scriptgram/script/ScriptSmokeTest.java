package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One API call from each language, by name and through invoke(), with the answer's fields read back. */
class ScriptSmokeTest {
    @TempDir
    Path dir;

    @Test
    void jsAndPythonCallTheApi() throws Exception {
        FakeApi api = FakeApi.bundled();
        LinkedBlockingQueue<LogRecord> jsLog = Scripts.capture("smoke");
        LinkedBlockingQueue<LogRecord> pyLog = Scripts.capture("smokepy");
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(10))) {
            Scripts.load(host, dir, "smoke.js", """
                    const r = await help.getNearestDc();
                    const again = await invoke('help.getNearestDc', {});
                    log.info('result ' + JSON.stringify({
                        _: r._, country: r.country, this_dc: r.this_dc, nearest_dc: r.nearest_dc,
                        again: again._, same: again.country === r.country}));
                    """);
            assertEquals(
                    "result {\"_\":\"nearestDc\",\"country\":\"ZZ\",\"this_dc\":1,\"nearest_dc\":1,"
                            + "\"again\":\"nearestDc\",\"same\":true}",
                    Scripts.awaitLog(jsLog, "result ").getMessage());

            Scripts.load(host, dir, "smokepy.py", """
                    r = help.getNearestDc()
                    log.info("result", r._, r.country, r["this_dc"], sorted(dict(r)))
                    """);
            assertEquals(
                    "result nearestDc ZZ 1 ['_', 'country', 'nearest_dc', 'this_dc']",
                    Scripts.awaitLog(pyLog, "result").getMessage());
        }
        List<String> methods = api.calls.stream().map(TlObject::name).toList();
        assertEquals(List.of("help.getNearestDc", "help.getNearestDc", "help.getNearestDc"), methods);
    }
}
