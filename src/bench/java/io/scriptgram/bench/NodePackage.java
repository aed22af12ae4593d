package io.scriptgram.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An npm package installed once into {@code ~/.cache/scriptgram/FOLDER} (outside the repository, so nothing of it is
 * committed), with node to run harness scripts beside it. The benches compare with mtcute through it and the session
 * round trips drive mtcute and GramJS through it. Where node, npm or the registry is missing, {@link #find} says why
 * instead, so the caller can skip with that reason.
 */
public final class NodePackage {
    private final Path dir;

    private NodePackage(Path dir) {
        this.dir = dir;
    }

    /** The result of {@link #find}: the package, or why there is none. */
    public record Found(Optional<NodePackage> pkg, String reason) {}

    /**
     * {@code name@version} installed in the cache folder {@code folder}, installing it first if that folder lacks it.
     */
    public static Found find(String folder, String name, String version) throws InterruptedException {
        if (!HarnessProcess.succeeds(List.of("node", "--version"), Path.of("."), Duration.ofSeconds(30)))
            return new Found(Optional.empty(), "node is not on PATH");
        Path dir = cacheHome().resolve("scriptgram").resolve(folder);
        if (!Files.isDirectory(dir.resolve("node_modules").resolve(name))) {
            try {
                Files.createDirectories(dir);
                if (!Files.exists(dir.resolve("package.json")))
                    Files.writeString(dir.resolve("package.json"), "{\"private\": true}\n");
            } catch (IOException e) {
                return new Found(Optional.empty(), "cannot create " + dir + ": " + e.getMessage());
            }
            // --ignore-scripts: the optional native builds (SQLite) are not needed to call or decode, and are slow.
            List<String> npm =
                    List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", name + "@" + version);
            if (!HarnessProcess.succeeds(npm, dir, Duration.ofMinutes(10)))
                return new Found(Optional.empty(), "'" + String.join(" ", npm) + "' failed in " + dir);
        }
        return new Found(Optional.of(new NodePackage(dir)), "");
    }

    /** The folder the package is installed in ({@code node_modules} is inside). */
    public Path dir() {
        return dir;
    }

    /** A file of an installed package, e.g. {@code telegram/tl/apiTl.js}. */
    public Path module(String path) {
        return dir.resolve("node_modules").resolve(path);
    }

    /** Runs the resource {@code script} (next to {@code owner}) with node in the package's folder. */
    public HarnessProcess.Outcome run(Class<?> owner, String script, List<String> args, Duration limit)
            throws IOException, InterruptedException {
        return HarnessProcess.runScript(owner, script, List.of("node"), dir, args, limit);
    }

    private static Path cacheHome() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    }
}
