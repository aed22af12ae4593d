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
 * the classes a start loads, and their linking, are in the cache the next starts map. Everything happens in a temporary
 * folder; the project's data/ is not touched.
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=FILE -cp ... io.scriptgram.bench.AotTraining PROJECT_ROOT}.
 */
public final class AotTraining {
    private AotTraining() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("scriptgram-aot-training");
        Logger.getLogger("").setLevel(Level.WARNING); // the examples' info lines are not the launcher's to print
        try {
            Path config = HostBenchSupport.config(dir);
            for (String sub : new String[] {"scripts", "plugins"}) {
                Path from = root.resolve(sub);
                if (Files.isDirectory(from)) HostBenchSupport.copyTree(from, dir.resolve(sub));
            }
            try (Host host = Host.start(ConfigLoader.load(config, Map.of()), TlSchema.bundled())) {
                host.writeStatus();
            }
        } finally {
            HostBenchSupport.delete(dir);
        }
        System.exit(0); // a pool thread left running must not keep the JVM (and the cache's writing) waiting
    }
}
