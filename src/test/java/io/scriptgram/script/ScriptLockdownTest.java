package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts get the API and nothing else: no Java classes, other languages, processes, threads, environment or files
 * outside their folder.
 */
class ScriptLockdownTest {
    @TempDir
    Path dir;

    private static final String JS = """
            const tries = {
              javaType: () => Java.type('java.lang.System'),
              polyglotEval: () => Polyglot.eval('python', '1'),
              hostMember: () => { const f = log.info; return f.getClass().getName(); },
              bridgeReflection: () => { if (typeof globalThis.host !== 'undefined') return 'host is global'; \
            throw new Error('not global'); },
              dataUrlImport: () => import('data:text/javascript,export default 1'),
            };
            const out = {};
            for (const [k, f] of Object.entries(tries)) {
              try { const r = await f(); out[k] = 'ALLOWED ' + String(r); } catch (e) { out[k] = 'blocked: ' + e; }
            }
            await test.note({text: JSON.stringify(out)});
            """;

    /**
     * Each attempt runs as its own script: some refusals end the script (GraalPy cannot catch them), which also counts
     * as blocked.
     */
    private static final Map<String, String> PY = Map.of(
            "java", "import java\nr = java.type('java.lang.System')",
            "polyglot", "import polyglot\nr = polyglot.eval(language='js', string='1')",
            "process", "import subprocess\nr = subprocess.run(['true'])",
            "system", "import os\nr = os.system('true')",
            "thread", "import threading\nt = threading.Thread(target=lambda: None)\nt.start()\nr = t",
            "env", "import os\nr = os.environ['PATH']",
            "write", "f = open('out.txt', 'w')\nf.write('x')\nf.close()\nr = f",
            "readOutside", "r = open('/etc/passwd').read()");

    @Test
    void javaScript() throws Exception {
        check("lock.js", JS, 5);
    }

    @Test
    void python() throws Exception {
        FakeApi api = FakeApi.test();
        List<String> allowed = new ArrayList<>();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(60))) {
            for (Map.Entry<String, String> e : PY.entrySet()) {
                String body = "try:\n" + e.getValue().indent(4) + "    test.note(text='ALLOWED')\n"
                        + "except BaseException as x:\n    test.note(text='blocked: ' + type(x).__name__)\n";
                try {
                    ScriptHandle h = Scripts.load(host, dir, e.getKey() + ".py", body);
                    String note = Scripts.note(api);
                    if (!note.startsWith("blocked: ")) allowed.add(e.getKey() + " = " + note);
                    h.unload();
                } catch (ScriptException refused) {
                    assertTrue(
                            refused.getMessage().contains("not allowed")
                                    || refused.getMessage().contains("Security"),
                            refused.getMessage());
                }
            }
        }
        assertEquals(List.of(), allowed);
    }

    private void check(String file, String text, int expected) throws Exception {
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(60))) {
            Scripts.load(host, dir, file, text);
            JsonNode out = new ObjectMapper().readTree(Scripts.note(api));
            assertEquals(expected, out.size(), out.toString());
            List<String> allowed = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = out.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().asText().startsWith("blocked: "))
                    allowed.add(e.getKey() + " = " + e.getValue().asText());
            }
            assertEquals(List.of(), allowed, "all: " + out);
        }
    }
}
