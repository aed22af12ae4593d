package io.scriptgram.scripttest;

import io.scriptgram.plugin.PluginDiscovery;
import io.scriptgram.script.ScriptLanguage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds test files ({@code NAME.test.js}, {@code test_NAME.py}) and what each tests: the plugin whose folder holds it
 * (a folder with a plugin.yml), or the script {@code NAME.js}/{@code NAME.py} beside it.
 */
public final class TestFiles {
    /**
     * One test file. {@code subject} is the plugin folder or script file under test; {@code problem} says why there is
     * none (the file's tests then fail with it).
     */
    public record TestFile(Path file, ScriptLanguage language, Path subject, String problem) {
        /** The file as the report names it: relative to the working folder when inside it. */
        public String label() {
            Path cwd = Path.of("").toAbsolutePath();
            Path abs = file.toAbsolutePath().normalize();
            return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
        }

        /** {@code world.yml} in the test's folder, or null. */
        public Path worldFile() {
            Path w = file.toAbsolutePath().getParent().resolve("world.yml");
            return Files.isRegularFile(w) ? w : null;
        }
    }

    private TestFiles() {}

    /**
     * The test files under {@code roots} (files are taken as given; folders are searched two levels deep, which covers
     * {@code scripts/} and {@code plugins/NAME/}), sorted, each once.
     */
    public static List<TestFile> find(List<Path> roots) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path r : roots) {
            Path root = r.toAbsolutePath().normalize();
            if (Files.isRegularFile(root)) {
                if (!PluginDiscovery.isTestFile(root))
                    throw new IllegalArgumentException(
                            r + ": not a test file (test files are named NAME.test.js or test_NAME.py)");
                files.add(root);
            } else if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.walk(root, 2)) {
                    s.filter(p -> Files.isRegularFile(p) && PluginDiscovery.isTestFile(p) && !hiddenBelow(root, p))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + r + ": " + e.getMessage(), e);
                }
            } else {
                throw new IllegalArgumentException(r + ": no such file or folder");
            }
        }
        List<TestFile> out = new ArrayList<>();
        for (Path f : files) out.add(of(f));
        return out;
    }

    private static boolean hiddenBelow(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            String n = part.toString();
            if (n.startsWith(".") || n.startsWith("_") || n.equals("node_modules")) return true;
        }
        return false;
    }

    /** What {@code file} tests. */
    static TestFile of(Path file) {
        ScriptLanguage lang = ScriptLanguage.of(file);
        Path folder = file.getParent();
        if (Files.isRegularFile(folder.resolve("plugin.yml"))) return new TestFile(file, lang, folder, null);
        String base = baseName(file.getFileName().toString());
        List<Path> candidates = new ArrayList<>();
        String own = lang == ScriptLanguage.JS ? ".js" : ".py";
        for (String ext : new String[] {own, ".js", ".mjs", ".py"}) {
            Path p = folder.resolve(base + ext);
            if (Files.isRegularFile(p) && !candidates.contains(p)) candidates.add(p);
        }
        if (candidates.isEmpty())
            return new TestFile(
                    file,
                    lang,
                    null,
                    "no script " + base + ".js or " + base + ".py beside " + file.getFileName()
                            + " (a test file tests the script of its name, or the plugin whose folder holds it)");
        return new TestFile(file, lang, candidates.get(0), null);
    }

    /** {@code ping.test.js} → ping, {@code test_top_peers.py} → top_peers. */
    static String baseName(String name) {
        if (name.endsWith(".test.js")) return name.substring(0, name.length() - ".test.js".length());
        if (name.endsWith(".test.mjs")) return name.substring(0, name.length() - ".test.mjs".length());
        return name.substring("test_".length(), name.length() - ".py".length());
    }
}
