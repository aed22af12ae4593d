package io.scriptgram.cli;

import static io.scriptgram.cli.RunningHost.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.plugin.PluginManager;
import io.scriptgram.script.ScriptHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload on a running host (in-process sandbox; Alice writes to the account): each script
 * version stores its own marker per message it handles ("TEXT/v1"), so a test sees which version
 * handled which message. One host for the class: Python contexts are slow to start.
 */
class HostReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir static Path dir;
    private static RunningHost h;

    @BeforeAll
    static void start() throws Exception {
        h = new RunningHost(dir);
    }

    @AfterAll
    static void stop() {
        if (h != null) h.close();
    }

    private static String js(String version) {
        return "on(\"message\", async (update) => { await storage.set(update.message.message + \"/" + version + "\", \"" + version + "\"); });\n";
    }

    private static String py(String version) {
        return "def handle(update, info):\n    storage.set(update.message.message + '/" + version + "', '" + version + "')\n\non('message', handle)\n";
    }

    /** Sends {@code text} and waits until {@code version} of {@code script} has stored its marker for it. */
    private static void handledBy(String script, String text, String version) throws Exception {
        h.send(text);
        assertTrue(waitFor(() -> h.stored(script, text + "/" + version) != null, WAIT),
                script + ": " + version + " did not handle '" + text + "'; errors: " + errorsOf(script));
    }

    private static List<String> errorsOf(String script) {
        ScriptHandle a = h.active(script);
        return a == null ? List.of("(not loaded)") : a.errors();
    }

    /** Waits for a new problem about {@code plugin} whose message passes {@code check}; returns it. */
    private static PluginManager.Problem problem(String plugin, int before, Predicate<String> check) {
        PluginManager.Problem[] found = new PluginManager.Problem[1];
        boolean ok = waitFor(() -> {
            List<PluginManager.Problem> all = h.host.plugins().recentProblems();
            for (PluginManager.Problem p : all.subList(0, Math.max(0, all.size() - before))) {
                if (p.plugin().contains(plugin) && check.test(p.message())) {
                    found[0] = p;
                    return true;
                }
            }
            return false;
        }, WAIT);
        assertTrue(ok, "no problem reported for " + plugin + "; problems: " + h.host.plugins().recentProblems());
        return found[0];
    }

    private static void reloadCycle(String name, Path file, String v1, String v2, String broken, String v3, String brokenWhere)
            throws Exception {
        ScriptHandle first = h.awaitNewVersion(name, null, WAIT);
        handledBy(name, "a", "v1");

        Files.writeString(file, v2);
        ScriptHandle second = h.awaitNewVersion(name, first, WAIT);
        handledBy(name, "b", "v2");
        assertNull(h.stored(name, "b/v1"), "the old version handled a message after the switch");

        int before = h.host.plugins().recentProblems().size();
        Files.writeString(file, broken);
        PluginManager.Problem p = problem(name, before, m -> m.contains(brokenWhere));
        assertSame(second, h.active(name), "a broken version must not replace the running one: " + p);
        assertEquals(ScriptHandle.Status.LOADED, second.status());
        handledBy(name, "c", "v2");

        Files.writeString(file, v3);
        ScriptHandle third = h.awaitNewVersion(name, second, WAIT);
        handledBy(name, "d", "v3");
        assertNull(h.stored(name, "d/v2"));
        assertEquals(ScriptHandle.Status.UNLOADED, second.status());
        assertEquals(ScriptHandle.Status.LOADED, third.status());
    }

    @Test
    void javaScriptEditBreakFix() throws Exception {
        Path f = Files.writeString(h.scripts.resolve("edit.js"), js("v1"));
        reloadCycle("edit", f, js("v1"), js("v2"), "on(\"message\", (u) => {\n  let x = ;\n});\n", js("v3"), "edit.js:2");
    }

    @Test
    void pythonEditBreakFix() throws Exception {
        Path f = Files.writeString(h.scripts.resolve("pyedit.py"), py("v1"));
        reloadCycle("pyedit", f, py("v1"), py("v2"), "def handle(update, info):\n    storage.set(\n\non('message', handle)\n", py("v3"),
                "pyedit.py:");
    }
}
