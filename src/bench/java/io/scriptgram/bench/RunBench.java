package io.scriptgram.bench;

import io.scriptgram.host.Host;
import io.scriptgram.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code scriptgram bench run}: the start of {@code scriptgram run} to "ready", in this process: {@code Host.start} —
 * the in-process sandbox, login, updates caught up, and the JS examples (scripts/ping.js and plugins/welcome, copied
 * from the project folder) loaded and switched on; the same span {@code run} prints as "ready in". The sandbox key
 * exists beforehand (a first start ever also creates it). The first start in a process pays for the script engine and
 * the language; later ones do not: both are reported, the later as the median of several starts.
 */
public final class RunBench implements Bench {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String description() {
        return "scriptgram run start to ready (in-process sandbox, login, updates, JS examples "
                + "ping.js + plugins/welcome): first start, median of later starts";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        Path root = Path.of(System.getProperty("scriptgram.root", "."))
                .toAbsolutePath()
                .normalize();
        Path ping = root.resolve("scripts/ping.js"), welcome = root.resolve("plugins/welcome");
        if (!Files.isRegularFile(ping) || !Files.isRegularFile(welcome.resolve("plugin.yml"))) {
            throw new IllegalStateException("the examples scripts/ping.js and plugins/welcome are not in " + root
                    + ": run the bench from the project folder (or set -Dscriptgram.root)");
        }
        Path dir = Files.createTempDirectory("scriptgram-bench-run");
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        Logger quiet = Logger.getLogger("");
        Level was = quiet.getLevel();
        quiet.setLevel(Level.WARNING); // the scripts' and host's info lines would fill the table
        try {
            Path config = HostBenchSupport.config(dir);
            Files.copy(ping, dir.resolve("scripts/ping.js"));
            HostBenchSupport.copyTree(welcome, dir.resolve("plugins/welcome"));
            // The sandbox key: created once per install, not per start.
            Sandbox.start(
                            new Sandbox.Options(0, null, dir.resolve("k.pem"), null, "12345", List.of(), null),
                            HostBenchSupport.SCHEMA)
                    .close();

            out.put("run_first_ready_ms", startMs(config));
            double[] later = new double[quick ? 3 : 7];
            for (int i = 0; i < later.length; i++) later[i] = startMs(config);
            out.put("run_ready_median_ms", HostBenchSupport.median(later));
            out.put("run_ready_max_ms", HostBenchSupport.percentile(later, 1.0));
        } finally {
            quiet.setLevel(was);
            HostBenchSupport.delete(dir);
        }
        return out;
    }

    private static double startMs(Path config) {
        long t0 = System.nanoTime();
        try (Host host = HostBenchSupport.start(config)) {
            double ms = (System.nanoTime() - t0) / 1e6;
            if (host.plugins().active().size() != 2
                    || !host.plugins().recentProblems().isEmpty()) {
                throw new IllegalStateException(
                        "the examples did not all load: " + host.plugins().active() + ", problems "
                                + host.plugins().recentProblems());
            }
            return ms;
        }
    }
}
