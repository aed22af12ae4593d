package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds plugins: single scripts in the script folders, and folders with a plugin.yml in the plugins folder. */
public final class PluginDiscovery {
    /** A plugin found on disk: its manifest, or why it could not be read. */
    public record Found(String id, Path where, PluginManifest manifest, String error) {}

    private PluginDiscovery() {}

    public static List<Found> scan(List<Path> scriptDirs, Path pluginsDir) {
        List<Found> out = new ArrayList<>();
        for (Path dir : scriptDirs) {
            for (Path f : list(dir)) {
                if (Files.isRegularFile(f) && isScript(f)) out.add(read(f));
            }
        }
        for (Path d : list(pluginsDir)) {
            if (Files.isDirectory(d) && Files.exists(d.resolve("plugin.yml"))) out.add(read(d));
        }
        return out;
    }

    /** Reads the plugin at {@code where} (a script file or a plugin folder). */
    public static Found read(Path where) {
        boolean folder = Files.isDirectory(where) || where.getFileName().toString().indexOf('.') < 0;
        String id = (folder ? "plugin:" : "script:") + where.getFileName();
        try {
            if (!folder) return new Found(id, where, PluginManifest.ofScript(where), null);
            PluginManifest m = PluginManifest.parse(where, Files.readString(where.resolve("plugin.yml")));
            if (!Files.isRegularFile(m.entry())) {
                return new Found(id, where, null, where.getFileName() + "/plugin.yml: entry file " + where.relativize(m.entry()) + " does not exist");
            }
            return new Found(id, where, m, null);
        } catch (ConfigException e) {
            return new Found(id, where, null, e.getMessage());
        } catch (IOException e) {
            return new Found(id, where, null, where + ": cannot read: " + e.getMessage());
        }
    }

    static boolean isScript(Path f) {
        String n = f.getFileName().toString();
        return !n.startsWith(".") && !n.startsWith("_") && (n.endsWith(".js") || n.endsWith(".mjs") || n.endsWith(".py"));
    }

    private static List<Path> list(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
