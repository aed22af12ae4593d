package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin that ships links (or gets them from another process after it loaded) reads nothing outside its folder: not
 * the session file, not config.yml, not /etc/passwd; by Python open, os.stat, listdir and import, or by JS import.
 * Links that stay inside the folder still work.
 */
class ScriptFolderLinksTest {
    private static final String SESSION = "SESSION-AUTH-KEY-0123";
    private static final String CONFIG = "api_hash: CONFIG-SECRET-4567";

    @TempDir
    Path dir;

    private Path plugin;

    /** data/scriptgram.session, config.yml, data/leak.py and leak.mjs (code with a secret), plugins/evil/. */
    @BeforeEach
    void layout() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("scriptgram.session"), SESSION);
        Files.writeString(dir.resolve("config.yml"), CONFIG);
        Files.writeString(data.resolve("leak.py"), "SECRET = '" + SESSION + "'\n");
        Files.writeString(data.resolve("leak.mjs"), "export const SECRET = '" + SESSION + "';\n");
        plugin = Files.createDirectories(dir.resolve("plugins/evil"));
        link("sess", "../../data/scriptgram.session");
        link("cfg", "../../config.yml");
        link("passwd", "/etc/passwd");
        link("datadir", "../../data");
        link("leakmod.py", "../../data/leak.py");
        link("leakmod.mjs", "../../data/leak.mjs");
        link("sessmod.py", "../../data/scriptgram.session");
        link("sessmod.mjs", "../../data/scriptgram.session");
        Files.writeString(plugin.resolve("real.txt"), "mine");
        Files.writeString(plugin.resolve("helper.py"), "VALUE = 'helped'\n");
        Files.writeString(plugin.resolve("helper.mjs"), "export const VALUE = 'helped';\n");
        Files.createDirectories(plugin.resolve("sub"));
        link("alias.txt", "real.txt");
        link("sub/up.txt", "../real.txt");
        link("aliasmod.py", "helper.py");
        link("aliasmod.mjs", "helper.mjs");
    }

    private void link(String name, String target) throws Exception {
        Files.createSymbolicLink(plugin.resolve(name), Path.of(target));
    }

    private static final String PY = """
            import os, sys, importlib
            def attempt(what, f):
                try:
                    r = f()
                    return what + ' ALLOWED ' + repr(r)[:200]
                except (OSError, ImportError) as e:
                    return what + ' blocked ' + type(e).__name__ + ': ' + str(e)
                except Exception as e:
                    return what + ' ALLOWED (read, then failed) ' + type(e).__name__ + ': ' + str(e)
            def imp(name):
                sys.modules.pop(name, None)
                return importlib.import_module(name).SECRET
            def attacks(prefix=''):
                return [
                    attempt('open sess', lambda: open(prefix + 'sess', 'rb').read()),
                    attempt('open cfg', lambda: open(prefix + 'cfg').read()),
                    attempt('open passwd', lambda: open(prefix + 'passwd').read()),
                    attempt('open datadir/session', lambda: open(prefix + 'datadir/scriptgram.session').read()),
                    attempt('open absolute', lambda: open('%s').read()),
                    attempt('stat sess', lambda: os.stat(prefix + 'sess').st_size),
                    attempt('listdir datadir', lambda: os.listdir(prefix + 'datadir')),
                    attempt('import leakmod', lambda: imp(prefix + 'leakmod')),
                    attempt('import sessmod', lambda: imp(prefix + 'sessmod')),
                ]
            """;

    private String py(String rest) {
        return PY.formatted(dir.resolve("data/scriptgram.session")) + rest;
    }

    @Test
    void pythonReadsNothingThroughShippedLinksButLinksInsideWork() throws Exception {
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(60))) {
            Scripts.load(host, plugin, "evil.py", py("""
                    import helper, aliasmod
                    inside = [open('alias.txt').read(), open('sub/up.txt').read(), aliasmod.VALUE,
                              sorted(os.listdir('sub'))]
                    test.note(text='\\n'.join(attacks() + [repr(inside)]))
                    """));
            String note = Scripts.note(api);
            assertNoneAllowed(note);
            assertTrue(note.endsWith("['mine', 'mine', 'helped', ['up.txt']]"), note);
        }
    }

    @Test
    void pythonReadsNothingThroughALinkCreatedAfterItLoaded() throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        try (ScriptHost host = new ScriptHost(api, updates, null, null, Duration.ofSeconds(60))) {
            ScriptHandle h = Scripts.load(host, plugin, "late.py", py("""
                    on('updateConfig', lambda u: test.note(text='\\n'.join(attacks('late_'))))
                    """));
            h.completion().get(60, TimeUnit.SECONDS);
            lateLinks();
            updates.fire(FakeUpdates.event(TlObject.of(TlSchema.bundled(), "updateConfig", Map.of()), null));
            assertNoneAllowed(Scripts.note(api));
        }
    }

    /** What another process does after the script loaded: the same links, under new names. */
    private void lateLinks() throws Exception {
        link("late_sess", "../../data/scriptgram.session");
        link("late_cfg", "../../config.yml");
        link("late_passwd", "/etc/passwd");
        link("late_datadir", "../../data");
        link("late_leakmod.py", "../../data/leak.py");
        link("late_leakmod.mjs", "../../data/leak.mjs");
        link("late_sessmod.py", "../../data/scriptgram.session");
        link("late_sessmod.mjs", "../../data/scriptgram.session");
    }

    private static final String JS = """
            const attempt = async (what, f) => {
              try { const r = await f(); return what + ' ALLOWED ' + JSON.stringify(r).slice(0, 200); }
              catch (e) {
                const how = e.name === 'SyntaxError' ? ' ALLOWED (read, then failed) ' : ' blocked ';
                return what + how + e.name + ': ' + e.message;
              }
            };
            const attacks = (prefix) => Promise.all([
              attempt('import leakmod', async () => (await import(prefix + 'leakmod.mjs')).SECRET),
              attempt('import sessmod', async () => (await import(prefix + 'sessmod.mjs')).SECRET),
              attempt('import datadir', async () => (await import(prefix + 'datadir/leak.mjs')).SECRET),
              attempt('import absolute', async () => (await import('%s')).SECRET),
            ]);
            """;

    @Test
    void javaScriptImportsNothingThroughShippedLinksButLinksInsideWork() throws Exception {
        FakeApi api = FakeApi.test();
        try (ScriptHost host = new ScriptHost(api, null, null, null, Duration.ofSeconds(60))) {
            Scripts.load(host, plugin, "evil.mjs", JS.formatted(dir.resolve("data/leak.mjs")) + """
                    import { VALUE } from './aliasmod.mjs';
                    await test.note({text: (await attacks('./')).join('\\n') + '\\n' + VALUE});
                    """);
            String note = Scripts.note(api);
            assertNoneAllowed(note);
            assertTrue(note.endsWith("\nhelped"), note);
        }
    }

    @Test
    void javaScriptImportsNothingThroughALinkCreatedAfterItLoaded() throws Exception {
        FakeApi api = FakeApi.test();
        FakeUpdates updates = new FakeUpdates();
        try (ScriptHost host = new ScriptHost(api, updates, null, null, Duration.ofSeconds(60))) {
            ScriptHandle h = Scripts.load(host, plugin, "late.mjs", JS.formatted(dir.resolve("data/leak.mjs")) + """
                    on('updateConfig', async () => {
                      await test.note({text: (await attacks('./late_')).join('\\n')});
                    });
                    """);
            h.completion().get(60, TimeUnit.SECONDS);
            lateLinks();
            updates.fire(FakeUpdates.event(TlObject.of(TlSchema.bundled(), "updateConfig", Map.of()), null));
            assertNoneAllowed(Scripts.note(api));
        }
    }

    /** Every attack line says "blocked", and no secret appears anywhere (not even in an error). */
    private static void assertNoneAllowed(String note) {
        assertFalse(note.contains("ALLOWED"), note);
        assertFalse(note.contains(SESSION) || note.contains("CONFIG-SECRET") || note.contains("root:"), note);
        assertTrue(note.contains("blocked"), note);
    }
}
