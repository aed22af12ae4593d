package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import io.scriptgram.config.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds plugins: single scripts in the script folders, and folders with a plugin.yml in the plugins folder. Each has a
 * name taken from where it is (a folder's name, a file's base name), never from what it says about itself, so no plugin
 * can choose to be another.
 */
public final class PluginDiscovery {
    /** A plugin found on disk: its name, its place (a script file or a plugin folder), its manifest or why none. */
    public record Found(String name, Path where, PluginManifest manifest, String error) {}

    private PluginDiscovery() {}

    /**
     * Everything found, in the order that decides who keeps a name two places share: the script folders in the
     * configured order, each sorted by file name ({@code ping.js} before {@code ping.py}), then the plugin folders. The
     * order depends only on the places, so a restart gives each name to the same place. Plugin folders without a
     * plugin.yml come with an error.
     */
    public static List<Found> scan(List<Path> scriptDirs, Path pluginsDir) {
        List<Found> out = new ArrayList<>();
        for (Path dir : scriptDirs) {
            for (Path f : list(dir)) {
                if (Files.isRegularFile(f) && isScript(f)) out.add(read(f));
            }
        }
        for (Path d : list(pluginsDir)) {
            if (Files.isDirectory(d) && !hidden(d)) out.add(read(d));
        }
        return out;
    }

    /** Reads the plugin at {@code where} (a script file or a plugin folder). */
    public static Found read(Path where) {
        boolean folder = isFolder(where);
        String name = nameOf(where);
        try {
            if (!folder) return new Found(name, where, PluginManifest.ofScript(where), null);
            Path yml = where.resolve("plugin.yml");
            if (!Files.exists(yml)) {
                return new Found(
                        name,
                        where,
                        null,
                        placeOf(where) + ": no plugin.yml, so it is not loaded"
                                + " (a plugin folder needs one; start it with: name: " + name + ")");
            }
            PluginManifest m = PluginManifest.parse(where, YamlFile.read(yml, where.getFileName() + "/plugin.yml"));
            if (!Files.isRegularFile(m.entry())) {
                return new Found(
                        name,
                        where,
                        null,
                        where.getFileName() + "/plugin.yml: entry file " + where.relativize(m.entry())
                                + " does not exist");
            }
            return new Found(name, where, m, null);
        } catch (ConfigException e) {
            return new Found(name, where, null, e.getMessage());
        } catch (NoSuchFileException e) {
            return new Found(name, where, null, placeOf(where) + ": " + e.getFile() + " disappeared while it was read");
        } catch (IOException e) {
            return new Found(name, where, null, placeOf(where) + ": cannot read: " + e);
        }
    }

    /** A plugin's name, from its place: a folder's name, or a script file's name without its extension. */
    public static String nameOf(Path where) {
        String n = where.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return isFolder(where) || dot <= 0 ? n : n.substring(0, dot);
    }

    /** Whether two names are one: they key files too, and file systems may ignore case. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code scripts/ping.js}, {@code plugins/welcome}: a place as its folder and name, for messages. */
    static String placeOf(Path where) {
        Path parent = where.getParent();
        if (parent == null || parent.getFileName() == null) return where.toString();
        return parent.getFileName() + "/" + where.getFileName();
    }

    /** A plugin folder (existing or not: a deleted one is still reported by its watcher). */
    static boolean isFolder(Path where) {
        return Files.isDirectory(where) || !isScript(where);
    }

    /** Folders and files starting with '.' or '_' are not plugins (editors' and tools' files, disabled ones). */
    static boolean hidden(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") || n.startsWith("_");
    }

    static boolean isScript(Path f) {
        String n = f.getFileName().toString();
        return !hidden(f) && !isTestFile(f) && (n.endsWith(".js") || n.endsWith(".mjs") || n.endsWith(".py"));
    }

    /**
     * A test of {@code scriptgram test} ({@code NAME.test.js}, {@code test_NAME.py}): never loaded as a script, and
     * editing one reloads nothing.
     */
    public static boolean isTestFile(Path f) {
        String n = f.getFileName().toString();
        return n.endsWith(".test.js") || n.endsWith(".test.mjs") || (n.startsWith("test_") && n.endsWith(".py"));
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
