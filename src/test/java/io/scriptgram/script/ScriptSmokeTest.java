package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptSmokeTest {
    @TempDir Path dir;

    @Test
    void jsAndPythonCallTheApi() throws Exception {
        FakeApi api = FakeApi.bundled();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(10))) {
            Scripts.load(host, dir, "a.js", """
                    const r = await help.getNearestDc();
                    await test_note(r);
                    """.replace("await test_note(r);", "log.info(JSON.stringify(r)); await invoke('help.getNearestDc', {});"));
            Scripts.load(host, dir, "b.py", """
                    r = help.getNearestDc()
                    log.info(r.country, dict(r))
                    """);
        }
    }
}
