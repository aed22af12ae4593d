package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a script may not do fails as an ordinary error it can catch, at the line that tried it; a script file that is
 * not UTF-8 is refused with the place of its first bad byte.
 */
class ScriptRefusalsTest {
    @TempDir
    Path dir;

    private static final List<String> PY_CALLS = List.of(
            "os.system('true')",
            "subprocess.run(['true'])",
            "socket.socket()",
            "socket.getaddrinfo('localhost', 80)",
            "socket.create_connection(('127.0.0.1', 9))",
            "open('out.txt', 'w')",
            "os.mkdir('made')",
            "os.remove('refusals.py')",
            "os.kill(os.getpid(), 15)",
            "open('/etc/passwd')");

    @Test
    void refusedPythonOperationsRaisePermissionErrorAtTheCallersLine() throws Exception {
        StringBuilder py = new StringBuilder("import os, subprocess, socket\nresults = []\n");
        List<String> expected = new ArrayList<>();
        for (String call : PY_CALLS) {
            py.append("try:\n");
            int line = (int) py.chars().filter(c -> c == '\n').count() + 1;
            py.append("    ").append(call).append("\n");
            py.append("    results.append('ALLOWED')\n");
            py.append("except OSError as e:\n");
            py.append("    results.append(type(e).__name__ + ':' + str(e.__traceback__.tb_lineno))\n");
            expected.add(call + " -> PermissionError:" + line);
        }
        py.append("test.note(text='|'.join(results))\n");
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(60))) {
            Scripts.load(host, dir, "refusals.py", py.toString());
            String[] got = Scripts.note(api).split("\\|");
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < got.length; i++) actual.add(PY_CALLS.get(i) + " -> " + got[i]);
            assertEquals(expected, actual);

            ScriptException e = assertThrows(ScriptException.class, () -> Scripts.load(host, dir, "uncaught.py", """
                    import os

                    os.system('true')
                    """));
            assertTrue(e.getMessage().contains("uncaught.py:3"), e.getMessage());
            assertTrue(e.getMessage().contains("PermissionError"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("out.txt")));
        assertFalse(Files.exists(dir.resolve("made")));
    }

    @Test
    void refusedJavaScriptFileAccessIsACatchableError() throws Exception {
        Files.writeString(dir.resolve("outside.mjs"), "export const X = 1;\n");
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(60))) {
            Scripts.load(host, dir.resolve("plugin"), "imports.mjs", """
                    const out = [];
                    for (const p of ['../outside.mjs', '/etc/passwd']) {
                      try { await import(p); out.push('ALLOWED'); }
                      catch (e) { out.push(e instanceof Error ? 'Error' : 'not an Error: ' + e); }
                    }
                    await test.note({text: out.join('|')});
                    """);
            assertEquals("Error|Error", Scripts.note(api));
        }
    }

    @Test
    void aScriptThatIsNotUtf8IsRefusedNamingTheFileAndTheByte() throws Exception {
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(60))) {
            for (String file : new String[] {"latin.py", "latin.js"}) {
                String latin1 =
                        file.endsWith(".py") ? "x = 1\n# caf\u00e9 au lait\n" : "let x = 1;\n// caf\u00e9 au lait\n";
                byte[] text = latin1.getBytes(StandardCharsets.ISO_8859_1);
                Path p = Files.write(dir.resolve(file), text);
                int bad = file.endsWith(".py") ? 11 : 17;
                assertEquals((byte) 0xe9, text[bad]);
                ScriptSpec spec = ScriptSpec.ofFile(p, Map.of(), null);
                ScriptException e = assertThrows(ScriptException.class, () -> host.load(spec));
                String where = file + ": not valid UTF-8 at byte " + bad + " (line 2";
                assertTrue(e.getMessage().contains(where), e.getMessage());
            }
        }
    }
}
