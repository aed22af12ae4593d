package io.scriptgram.session;

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
 * Another library's client run by node, for the session round trips: the npm package installed once into
 * {@code ~/.cache/scriptgram/NAME} (outside the repository), and a harness script from the test resources. Empty, with
 * the reason, where node, npm or the registry is missing, so the test can skip saying why.
 */
public final class NodeClient {
    private final Path dir;
    private final String harness;

    private NodeClient(Path dir, String harness) {
        this.dir = dir;
        this.harness = harness;
    }

    /** The result of {@link #find}: a client, or why there is none. */
    public record Found(Optional<NodeClient> client, String reason) {}

    /** {@code pkg@version} installed into the cache folder {@code folder}, running the resource {@code harness}. */
    public static Found find(String folder, String pkg, String harness) throws InterruptedException {
        if (!runs(List.of("node", "--version"), Path.of("."), 30))
            return new Found(Optional.empty(), "node is not on PATH");
        String home = System.getenv("XDG_CACHE_HOME");
        Path cache =
                home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = cache.resolve("scriptgram").resolve(folder);
        String name = pkg.substring(0, pkg.lastIndexOf('@'));
        if (!Files.isDirectory(dir.resolve("node_modules").resolve(name))) {
            try {
                Files.createDirectories(dir);
                if (!Files.exists(dir.resolve("package.json")))
                    Files.writeString(dir.resolve("package.json"), "{\"private\": true}\n");
            } catch (IOException e) {
                return new Found(Optional.empty(), "cannot create " + dir + ": " + e.getMessage());
            }
            List<String> npm = List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", pkg);
            if (!runs(npm, dir, 600))
                return new Found(Optional.empty(), "'" + String.join(" ", npm) + "' failed in " + dir);
        }
        return new Found(Optional.of(new NodeClient(dir, harness)), "");
    }

    /** Runs the harness with {@code args}; its one JSON line, or an AssertionError with its output. */
    public JsonNode run(List<String> args) throws IOException, InterruptedException {
        Path script = dir.resolve(harness);
        try (InputStream in = NodeClient.class.getResourceAsStream(harness)) {
            if (in == null) throw new IOException("test resource " + harness + " is missing");
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of("node", script.toString()));
        cmd.addAll(args);
        Path err = Files.createTempFile("scriptgram-node", ".log");
        Path out = Files.createTempFile("scriptgram-node", ".out");
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectError(err.toFile())
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(harness + " did not finish within 120 s: " + Files.readString(err));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || text.isEmpty())
                throw new AssertionError(
                        harness + " " + args.get(0) + " exited " + p.exitValue() + ": " + Files.readString(err));
            String last = text.lines().reduce((a, b) -> b).orElseThrow();
            return new ObjectMapper().readTree(last);
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }

    private static boolean runs(List<String> cmd, Path dir, int seconds) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
