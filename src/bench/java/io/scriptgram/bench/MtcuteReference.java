package io.scriptgram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * mtcute (the fastest peer library we compare with) run by node as a child process: installed once with npm into a
 * cache folder outside the repository, then driven by a harness script from this package's resources. Everything that
 * can be missing (node, npm, the network for the first install) ends in an empty result and a note on stderr, so a
 * bench still prints its own figures.
 */
final class MtcuteReference {
    /** The release whose TL layer equals our bundled one (223). */
    static final String VERSION = "0.28.2";

    private final Path dir;

    private MtcuteReference(Path dir) {
        this.dir = dir;
    }

    /** The installed reference, installing it first if needed; empty (with a note) where that is not possible. */
    static Optional<MtcuteReference> find(String bench) throws InterruptedException {
        if (!runs(List.of("node", "--version"), Path.of("."), 30)) {
            note(bench, "node not found on PATH; the mtcute comparison is skipped");
            return Optional.empty();
        }
        Path dir = cacheHome().resolve("scriptgram").resolve("mtcute-" + VERSION);
        if (!Files.isDirectory(dir.resolve("node_modules/@mtcute/tl"))) {
            note(bench, "installing @mtcute/node@" + VERSION + " into " + dir + " (once)");
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("package.json"), "{\"private\": true}\n");
            } catch (IOException e) {
                note(bench, "cannot create " + dir + " (" + e.getMessage() + "); the mtcute comparison is skipped");
                return Optional.empty();
            }
            // --ignore-scripts: the optional native SQLite build is not needed to decode or call, and is slow.
            List<String> npm =
                    List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "@mtcute/node@" + VERSION);
            if (!runs(npm, dir, 600)) {
                note(bench, "'" + String.join(" ", npm) + "' failed in " + dir + "; the mtcute comparison is skipped");
                return Optional.empty();
            }
        }
        return Optional.of(new MtcuteReference(dir));
    }

    /**
     * Runs the harness resource {@code script} with {@code args} and returns its one JSON line, or empty with a note.
     */
    Optional<JsonNode> run(String bench, String script, List<String> args, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path file = dir.resolve(script);
        try (InputStream in = MtcuteReference.class.getResourceAsStream(script)) {
            if (in == null) throw new IOException("bench resource " + script + " is missing from the build");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of("node", file.toString()));
        cmd.addAll(args);
        Path log = Files.createTempFile("scriptgram-mtcute", ".log");
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                note(bench, script + " did not finish within " + timeoutSeconds + " s; the mtcute figures are omitted");
                return Optional.empty();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            String last = output.lines()
                    .filter(l -> l.startsWith("{"))
                    .reduce((a, b) -> b)
                    .orElse(null);
            if (p.exitValue() != 0 || last == null) {
                note(bench, script + " failed (exit " + p.exitValue() + "): " + output.strip());
                return Optional.empty();
            }
            return Optional.of(new ObjectMapper().readTree(last));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean runs(List<String> cmd, Path dir, int timeoutSeconds) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path cacheHome() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }

    static void note(String bench, String text) {
        System.err.println(bench + " bench: " + text);
    }
}
