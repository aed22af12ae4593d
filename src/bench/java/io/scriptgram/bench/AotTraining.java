package io.scriptgram.bench;

import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.Host;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The training run {@code bin/scriptgram} records the JDK's AOT cache with (JEP 483/514, JDK 25+): once per build, in a
 * JVM started with {@code -XX:AOTCacheOutput}. It starts a host the way {@code run} does — the in-process sandbox, a
 * login, the project's example scripts and plugins (JavaScript and Python) loaded and switched on — and stops it, so
 * the classes a start loads, and their linking, are in the cache the next starts map. It first builds {@code run}'s
 * command line (picocli and the cli classes, which a start loads before the host's). Everything happens in a temporary
 * folder; the project's data/ is not touched.
 *
 * <p>With {@code --js-only} the Python examples are left out: the cache the launcher maps for a start with no Python.
 * The JVM loads every class of its cache as it starts; GraalPy's are 14,000 of 24,700, measured 0.6–0.9 s of CPU of
 * each start (before {@code main}) that a JS-only start does not use.
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=FILE -cp ... io.scriptgram.bench.AotTraining PROJECT_ROOT [--js-only]}.
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        boolean python = !(args.length > 1 && args[1].equals("--js-only"));
        Path dir = Files.createTempDirectory("scriptgram-aot-training");
        Logger.getLogger("").setLevel(Level.WARNING); // the examples' info lines are not the launcher's to print
        try {
            runCommandLine();
            Path config = HostBenchSupport.config(dir);
            HostBenchSupport.copyExamples(root, dir, python);
            try (Host host = Host.start(ConfigLoader.load(config, Map.of()), TlSchema.bundled())) {
                host.writeStatus();
            }
        } finally {
            HostBenchSupport.delete(dir);
        }
        System.exit(0); // a pool thread left running must not keep the JVM (and the cache's writing) waiting
    }

    /**
     * Builds and parses {@code run}'s command line as {@code Main} does, without running it. By name: the benchmarks do
     * not import {@code cli}, which runs them.
     */
    private static void runCommandLine() throws ReflectiveOperationException {
        Object cl = Class.forName("io.scriptgram.cli.Main")
                .getMethod("commandLineFor", String[].class)
                .invoke(null, (Object) new String[] {"run"});
        cl.getClass().getMethod("parseArgs", String[].class).invoke(cl, (Object) new String[] {"run"});
    }
}
