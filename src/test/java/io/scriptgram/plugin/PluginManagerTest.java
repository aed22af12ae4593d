package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle with a fake runtime that "loads" a script by reading its text. */
class PluginManagerTest {
    @TempDir Path dir;
    final List<String> log = new ArrayList<>();

    PluginManager manager() {
        return new PluginManager(m -> {
            String text = Files.readString(m.entry()).trim();
            if (text.contains("syntax error")) throw new IllegalStateException(m.entry().getFileName() + ":1:1: syntax error");
            return new PluginManager.Loaded() {
                public void activate() { log.add("activate " + text); }
                public void deactivate() { log.add("deactivate " + text); }
                public void unload() { log.add("unload " + text); }
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
        // the switch: the old version stops, the new one starts, then the old one unloads
        assertEquals(List.of("activate v1", "deactivate v1", "activate v2", "unload v1"), log);
        Files.writeString(f, "syntax error");
        pm.changed(f);
        assertEquals(4, log.size(), "the broken version did not replace v2");
        assertEquals("script:a.js", pm.active().iterator().next().manifest().id());
        assertTrue(pm.recentProblems().get(0).message().contains("a.js:1:1: syntax error"));
        Files.writeString(f, "v3");
        pm.changed(f);
        assertEquals(List.of("activate v1", "deactivate v1", "activate v2", "unload v1", "deactivate v2", "activate v3", "unload v2"), log);
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
}
