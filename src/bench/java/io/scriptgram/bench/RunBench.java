package io.scriptgram.bench;

import io.scriptgram.host.Host;
import io.scriptgram.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code scriptgram bench run}: how soon {@code scriptgram run} is ready, and what the running host holds.
 *
 * <p>As a user starts it: {@code bin/scriptgram run} as a child process in a copy of the project's config.yml, scripts/
 * and plugins/ (the default examples, JavaScript and Python), and again with the Python ones left out (JS-only). Each
 * start is timed from just before the launcher starts to its "ready in" line (see {@link LauncherRun}). The first start
 * in a fresh folder also creates the sandbox key and logs in; later starts reuse the session, as a restart does: min,
 * median and max of those. The two configurations alternate, so drift on a shared machine hits both alike. After the
 * last start of each, the host runs on for a while (the sandbox's contacts chat, the scripts answer;
 * {@code -Dscriptgram.bench.run.settle=SECONDS}, default 30) and then its resident set (RSS) and its live heap (after a
 * full collection, by {@code jcmd GC.class_histogram}) are read. The child inherits the environment, so
 * {@code SCRIPTGRAM_JAVA_OPTS} and {@code SCRIPTGRAM_HEAP} apply to it. Before any timed start, one untimed start of
 * each configuration in a throwaway folder lets the launcher record the start-up cache it maps for it.
 *
 * <p>In this process: {@code Host.start} alone (the span {@code run} prints as "ready in", JS examples ping.js and
 * plugins/welcome), first start in the process and the median of later ones, which no longer pay for the script engine.
 */
public final class RunBench implements Bench {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String description() {
        return "bin/scriptgram run, launcher start to ready: default examples (JS + Python) and JS-only, first start "
                + "and min/median/max of restarts; RSS and live heap after running a while; Host.start in-process";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        Path root = Path.of(System.getProperty("scriptgram.root", "."))
                .toAbsolutePath()
                .normalize();
        Path ping = root.resolve("scripts/ping.js"), welcome = root.resolve("plugins/welcome");
        Path launcher = root.resolve("bin/scriptgram");
        if (!Files.isRegularFile(ping)
                || !Files.isRegularFile(welcome.resolve("plugin.yml"))
                || !Files.isRegularFile(root.resolve("config.yml"))
                || !Files.isExecutable(launcher)) {
            throw new IllegalStateException("bin/scriptgram, config.yml and the examples scripts/ping.js and "
                    + "plugins/welcome are not all in " + root
                    + ": run the bench from the project folder (or set -Dscriptgram.root)");
        }
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        launcherStarts(root, launcher, quick, out);
        inProcessStarts(ping, welcome, quick, out);
        return out;
    }

    private static void launcherStarts(Path root, Path launcher, boolean quick, LinkedHashMap<String, Double> out)
            throws Exception {
        int restarts = quick ? 2 : 5;
        int settle = Integer.getInteger("scriptgram.bench.run.settle", quick ? 5 : 30);
        Path examples = Files.createTempDirectory("scriptgram-bench-run-examples");
        Path jsOnly = Files.createTempDirectory("scriptgram-bench-run-js");
        try {
            project(root, examples, true);
            project(root, jsOnly, false);
            String[] names = {"examples", "js"};
            Path[] projects = {examples, jsOnly};
            double[][] spawnToReady = new double[2][restarts], inMain = new double[2][restarts];
            for (int c = 0; c < 2; c++) cacheStart(root, launcher, names[c], c == 0, out);
            for (int c = 0; c < 2; c++) {
                LauncherRun r = LauncherRun.start(launcher, projects[c]);
                try {
                    out.put("run_" + names[c] + "_first_ms", r.awaitReady(300)[0]);
                } finally {
                    r.close();
                }
                allLoaded(r, names[c]);
            }
            for (int i = 0; i < restarts; i++) {
                for (int c = 0; c < 2; c++) {
                    LauncherRun r = LauncherRun.start(launcher, projects[c]);
                    try {
                        double[] t = r.awaitReady(300);
                        spawnToReady[c][i] = t[0];
                        inMain[c][i] = t[1];
                        if (i == restarts - 1) {
                            Thread.sleep(settle * 1000L); // the host runs on: this is the span measured, not a wait
                            String n = "run_" + names[c];
                            r.rssMb().ifPresent(v -> out.put(n + "_rss_mb", v));
                            r.rssAnonMb().ifPresent(v -> out.put(n + "_rss_anon_mb", v));
                            r.liveHeapMb().ifPresent(v -> out.put(n + "_live_heap_mb", v));
                        }
                    } finally {
                        r.close();
                    }
                    allLoaded(r, names[c]);
                }
            }
            for (int c = 0; c < 2; c++) {
                String n = "run_" + names[c];
                out.put(n + "_min_ms", HostBenchSupport.percentile(spawnToReady[c], 0));
                out.put(n + "_median_ms", HostBenchSupport.median(spawnToReady[c]));
                out.put(n + "_max_ms", HostBenchSupport.percentile(spawnToReady[c], 1.0));
                // What the host reports itself: the rest of the median is the launcher, the JVM and class loading.
                out.put(n + "_in_main_median_ms", HostBenchSupport.median(inMain[c]));
                // The rest, per start (the launch): the launcher, the JVM mapping its start-up cache, the command line,
                // config.yml.
                double[] before = new double[restarts];
                for (int i = 0; i < restarts; i++) before[i] = spawnToReady[c][i] - inMain[c][i];
                out.put(n + "_launch_median_ms", HostBenchSupport.median(before));
            }
            out.put("run_settle_s", (double) settle);
        } finally {
            HostBenchSupport.delete(examples);
            HostBenchSupport.delete(jsOnly);
        }
    }

    /**
     * An untimed start of the configuration in a throwaway folder, so that the launcher records the start-up cache it
     * maps for this kind of configuration (one without Python has its own) before any timed start; how long that took,
     * when it did, is {@code run_NAME_cache_recorded_s}.
     */
    private static void cacheStart(
            Path root, Path launcher, String name, boolean python, LinkedHashMap<String, Double> out) throws Exception {
        Path dir = Files.createTempDirectory("scriptgram-bench-run-cache");
        try {
            project(root, dir, python);
            LauncherRun r = LauncherRun.start(launcher, dir);
            try {
                r.awaitReady(900);
            } finally {
                r.close();
            }
            r.cacheRecordedSeconds().ifPresent(s -> out.put("run_" + name + "_cache_recorded_s", s));
        } finally {
            HostBenchSupport.delete(dir);
        }
    }

    /** A start where a script failed to load is no measurement of the examples. */
    private static void allLoaded(LauncherRun r, String name) {
        if (!r.failures().isEmpty()) {
            throw new IllegalStateException("bench run: in the " + name + " start, " + String.join("; ", r.failures()));
        }
    }

    /** A project folder: the root's config.yml, scripts/ and plugins/; without Python ones unless {@code python}. */
    private static void project(Path root, Path dir, boolean python) throws IOException {
        Files.copy(root.resolve("config.yml"), dir.resolve("config.yml"));
        HostBenchSupport.copyExamples(root, dir, python);
    }

    private static void inProcessStarts(Path ping, Path welcome, boolean quick, LinkedHashMap<String, Double> out)
            throws Exception {
        Path dir = Files.createTempDirectory("scriptgram-bench-run");
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
