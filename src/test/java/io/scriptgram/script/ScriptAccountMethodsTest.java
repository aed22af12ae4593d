package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** account.deleteAccount is refused under every wildcard, and reaches the API only when listed by name. */
class ScriptAccountMethodsTest {
    @TempDir
    Path dir;

    @Test
    void noWildcardGrantsADestructiveMethod() throws Exception {
        FakeApi api = FakeApi.bundled();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(10))) {
            int i = 0;
            for (List<String> perms : List.of(List.of("*"), List.of("account.*"), List.of("messages.*", "*"))) {
                String name = "wild" + i++;
                LinkedBlockingQueue<LogRecord> log = Scripts.capture(name);
                Path entry = Scripts.write(dir.resolve(name), "main.js", """
                        try { await account.deleteAccount({reason: 'bye'}); log.info('called'); }
                        catch (e) { log.info('refused ' + e.name + ': ' + e.message); }
                        """);
                host.load(new ScriptSpec(name, entry.getParent(), entry, ScriptLanguage.JS, Map.of(), null, perms));
                assertEquals(
                        "refused TypeError: account.deleteAccount: " + name
                                + " may not call account.deleteAccount: it can"
                                + " delete the account"
                                + " or hand it over, so no wildcard grants it; list account.deleteAccount by name in"
                                + " plugin.yml permissions to allow it",
                        Scripts.awaitLog(log, "refused").getMessage(),
                        perms.toString());
            }
            assertTrue(api.calls.stream().map(TlObject::name).noneMatch("account.deleteAccount"::equals));

            LinkedBlockingQueue<LogRecord> log = Scripts.capture("named");
            Path entry = Scripts.write(dir.resolve("named"), "main.py", """
                    try:
                        account.deleteAccount(reason='bye')
                    except Exception as e:
                        log.info('reached the API: ' + str(e))
                    """);
            host.load(new ScriptSpec(
                    "named",
                    entry.getParent(),
                    entry,
                    ScriptLanguage.PYTHON,
                    Map.of(),
                    null,
                    List.of("account.deleteAccount")));
            Scripts.awaitLog(log, "reached the API");
            assertTrue(api.calls.stream().map(TlObject::name).anyMatch("account.deleteAccount"::equals));
        }
    }
}
