package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle with a fake runtime that "loads" a script by reading its text. */
class PluginManagerTest {
    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();
    /** Every place whose code the runtime ran (a refused one must never run: it would read another's storage). */
    final List<Path> loaded = Collections.synchronizedList(new ArrayList<>());

    PluginManager manager() {
        return new PluginManager(m -> {
            String text = Files.readString(m.entry()).trim();
            loaded.add(m.place());
            if (text.contains("syntax error"))
                throw new IllegalStateException(m.entry().getFileName() + ":1:1: syntax error");
            return new PluginManager.Loaded() {
                public void activate() {
                    log.add("activate " + text);
                }

                public void deactivate() {
                    log.add("deactivate " + text);
                }

                public void unload() {
                    log.add("unload " + text);
                }
            };
        });
    }

    @Test
    void reloadReplacesTheOldVersionOnlyWhenTheNewOneLoads() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path f = Files.writeString(scripts.resolve("a.js"), "v1");
        PluginManager pm = manager();
        assertEquals(1, pm.loadAll(List.of(scripts), dir.resolve("plugins")));
        Files.writeString(f, "v2");
        pm.changed(f);
        // The old version stops handling, the new one takes over, then the old one's onUnload runs.
        assertEquals(List.of("activate v1", "deactivate v1", "activate v2", "unload v1"), log);
        Files.writeString(f, "syntax error");
        pm.changed(f);
        assertEquals(4, log.size(), "the broken version did not replace v2");
        assertEquals(f, pm.active().iterator().next().manifest().place());
        assertTrue(pm.recentProblems().get(0).message().contains("a.js:1:1: syntax error"));
        Files.writeString(f, "v3");
        pm.changed(f);
        assertEquals(
                List.of(
                        "activate v1",
                        "deactivate v1",
                        "activate v2",
                        "unload v1",
                        "deactivate v2",
                        "activate v3",
                        "unload v2"),
                log);
        Files.delete(f);
        pm.changed(f);
        assertEquals("unload v3", log.get(log.size() - 1));
        assertTrue(pm.active().isEmpty());
    }

    @Test
    void pluginFoldersManifestErrorsAndDisabling() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path p = Files.createDirectories(plugins.resolve("greeter"));
        Files.writeString(p.resolve("main.js"), "g1");
        Files.writeString(p.resolve("plugin.yml"), "name: greeter\n");
        Path bad = Files.createDirectories(plugins.resolve("broken"));
        Files.writeString(bad.resolve("plugin.yml"), "entry: nothere.js\n");
        PluginManager pm = manager();
        assertEquals(1, pm.loadAll(List.of(), plugins));
        assertTrue(pm.recentProblems().get(0).message().contains("entry file nothere.js does not exist"));
        Files.writeString(p.resolve("plugin.yml"), "name: greeter\nenabled: false\n");
        pm.changed(p);
        assertTrue(pm.active().isEmpty());
        assertEquals("unload g1", log.get(log.size() - 1));
    }

    private Path plugin(Path plugins, String folder, String yml, String code) throws Exception {
        Path p = Files.createDirectories(plugins.resolve(folder));
        Files.writeString(p.resolve("main.js"), code);
        Files.writeString(p.resolve("plugin.yml"), yml);
        return p;
    }

    private List<String> names(PluginManager pm) {
        return pm.active().stream().map(a -> a.manifest().name()).sorted().toList();
    }

    private String problemAbout(PluginManager pm, String place) {
        List<PluginManager.Problem> all = pm.recentProblems();
        return all.stream()
                .filter(p -> p.plugin().equals(place))
                .map(PluginManager.Problem::message)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem about " + place + ": " + all));
    }

    @Test
    void aPluginCannotTakeAnotherPluginsNameWhateverItsFolderSorts() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path real = plugin(plugins, "welcome", "name: welcome\n", "real");
        // "aaa" is listed before "welcome": being found first must not win the name.
        Path squatter = plugin(plugins, "aaa", "name: welcome\n", "squatter");
        PluginManager pm = manager();
        assertEquals(1, pm.loadAll(List.of(), plugins));
        assertEquals(real, pm.active().iterator().next().manifest().place());
        assertFalse(loaded.contains(squatter), "the squatter's code ran");
        assertTrue(
                problemAbout(pm, "plugins/aaa")
                        .contains("aaa/plugin.yml: line 1: name: 'welcome' differs from the folder's name 'aaa'"),
                pm.recentProblems().toString());
        // Hot reload gives it no second chance.
        pm.changed(squatter);
        assertFalse(loaded.contains(squatter));
        assertEquals(List.of("activate real"), log);
    }

    @Test
    void aNameIsUniqueAcrossScriptsAndPluginsAndStaysWithItsPlaceAcrossRestarts() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path js = Files.writeString(scripts.resolve("ping.js"), "ping js");
        Path py = Files.writeString(scripts.resolve("ping.py"), "ping py");
        Path folder = plugin(plugins, "ping", "", "ping plugin");
        Path upper = Files.writeString(scripts.resolve("Other.js"), "Other");
        Path lower = Files.writeString(scripts.resolve("other.py"), "other");
        for (int start = 0; start < 2; start++) {
            log.clear();
            loaded.clear();
            PluginManager pm = manager();
            assertEquals(2, pm.loadAll(List.of(scripts), plugins));
            assertEquals(List.of("Other", "ping"), names(pm));
            assertEquals(Set.of(upper, js), Set.copyOf(loaded), "only the first place of each name ran");
            String byPy = problemAbout(pm, "scripts/ping.py");
            assertTrue(byPy.contains("scripts/ping.py: not loaded: the name 'ping' is taken by scripts/ping.js"), byPy);
            assertTrue(problemAbout(pm, "plugins/ping")
                    .contains("plugins/ping: not loaded: the name 'ping' is taken by scripts/ping.js"));
            assertTrue(
                    problemAbout(pm, "scripts/other.py").contains("the name 'other' is taken by scripts/Other.js"),
                    "names differing only in case share files on some file systems");
            // Edits of the refused places never load them; the owner goes on.
            pm.changed(py);
            pm.changed(folder);
            assertEquals(Set.of(upper, js), Set.copyOf(loaded));
            assertEquals(List.of("activate Other", "activate ping js"), log);
            pm.close();
        }
    }

    @Test
    void aNewcomerIsRefusedAndTheNameIsFreeOnceItsOwnerIsGone() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path py = Files.writeString(scripts.resolve("ping.py"), "ping py");
        PluginManager pm = manager();
        assertEquals(1, pm.loadAll(List.of(scripts), plugins));
        Path folder = plugin(plugins, "ping", "", "ping plugin");
        pm.changed(folder);
        assertTrue(problemAbout(pm, "plugins/ping").contains("the name 'ping' is taken by scripts/ping.py"));
        assertEquals(List.of(py), loaded);
        Files.delete(py);
        pm.changed(py);
        assertTrue(pm.active().isEmpty());
        pm.changed(folder);
        assertEquals(
                List.of(folder),
                pm.active().stream().map(a -> a.manifest().place()).toList());
    }

    @Test
    void aPluginFolderWithoutPluginYmlIsReportedOnce() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path bare = Files.createDirectories(plugins.resolve("bare"));
        Files.writeString(bare.resolve("main.js"), "bare");
        Files.createDirectories(plugins.resolve(".git"));
        Files.writeString(plugins.resolve("README.md"), "not a plugin");
        PluginManager pm = manager();
        assertEquals(0, pm.loadAll(List.of(), plugins));
        assertEquals(1, pm.recentProblems().size(), pm.recentProblems().toString());
        assertTrue(problemAbout(pm, "plugins/bare").contains("plugins/bare: no plugin.yml, so it is not loaded"));
        pm.changed(bare);
        pm.changed(plugins.resolve("README.md"));
        assertEquals(1, pm.recentProblems().size(), "reported once: " + pm.recentProblems());
        Files.writeString(bare.resolve("plugin.yml"), "");
        pm.changed(bare);
        assertEquals(List.of("bare"), names(pm));
        // Losing plugin.yml at run time unloads it and says why.
        Files.delete(bare.resolve("plugin.yml"));
        pm.changed(bare);
        assertTrue(pm.active().isEmpty());
        assertEquals(2, pm.recentProblems().size(), pm.recentProblems().toString());
        assertTrue(pm.recentProblems().get(0).message().contains("no plugin.yml"));
    }

    @Test
    void aBinaryPluginYmlIsNamed() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path p = Files.createDirectories(plugins.resolve("bin"));
        Files.writeString(p.resolve("main.js"), "bin");
        Files.write(
                p.resolve("plugin.yml"),
                new byte[] {'n', 'a', 'm', 'e', ':', ' ', 'b', '\n', (byte) 0xC3, 0x28, (byte) 0xFF});
        PluginManager pm = manager();
        assertEquals(0, pm.loadAll(List.of(), plugins));
        assertEquals(
                "bin/plugin.yml: line 2: not UTF-8 text (byte 8 cannot be read as UTF-8; is it a binary file?)",
                problemAbout(pm, "plugins/bin"));
    }
}
