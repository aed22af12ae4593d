package io.scriptgram.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code bin/scriptgram run} as a user starts it: a child process in a project folder, timed from just before the
 * launcher is started to the line {@code scriptgram: ready in N ms} on its output (the launcher, JVM start, class
 * loading, the host's start). Its output is drained on a thread for as long as it runs (a full pipe would stop it); the
 * last lines are kept for an error message. {@link #close()} stops it the way Ctrl-C does (SIGTERM).
 */
final class LauncherRun implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("^scriptgram: ready in (\\d+) ms");
    private static final Pattern CACHE_RECORDED = Pattern.compile("^scriptgram: start-up cache recorded in (\\d+) s");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private final Process process;
    private final CompletableFuture<Long> readyInMain = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final long spawnedNanos;
    private volatile long readyNanos;
    /** Seconds the launcher took to record its start-up cache before this start, or -1 (there was one already). */
    private volatile long cacheRecordedSeconds = -1;

    private final List<String> failed = new ArrayList<>();
    private final Thread drainer;

    private LauncherRun(Process process, long spawnedNanos) {
        this.process = process;
        this.spawnedNanos = spawnedNanos;
        this.drainer = Thread.ofPlatform().daemon().name("bench-run-output").start(this::drain);
    }

    /**
     * Starts {@code launcher run} in {@code project} (which holds config.yml); never builds (the bench runs a build).
     */
    static LauncherRun start(Path launcher, Path project) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "run")
                .directory(project.toFile())
                .redirectErrorStream(true);
        pb.environment().put("SCRIPTGRAM_NO_BUILD", "1");
        long t0 = System.nanoTime();
        return new LauncherRun(pb.start(), t0);
    }

    private void drain() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher c = CACHE_RECORDED.matcher(line);
                if (c.find()) cacheRecordedSeconds = Long.parseLong(c.group(1));
                Matcher m = READY.matcher(line);
                if (!readyInMain.isDone() && m.find()) {
                    readyNanos = System.nanoTime();
                    readyInMain.complete(Long.parseLong(m.group(1)));
                }
                synchronized (tail) {
                    if (line.startsWith("  FAILED ")) failed.add(line.trim());
                    tail.addLast(line);
                    if (tail.size() > 30) tail.removeFirst();
                }
            }
        } catch (IOException ignored) {
            // the process ended; what it said is in tail
        }
        readyInMain.completeExceptionally(new IllegalStateException("the host exited (status "
                + process.onExit().join().exitValue() + ") before it was ready; its last lines:\n" + tail()));
    }

    /**
     * Waits for the ready line. Returns {ms from spawn to ready, ms the host itself reports ("ready in"), i.e. from
     * {@code run}'s start in main}.
     */
    double[] awaitReady(int timeoutSeconds) throws InterruptedException {
        long inMain;
        try {
            inMain = readyInMain.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the host was not ready within " + timeoutSeconds + " s; its last lines:\n" + tail());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        return new double[] {(readyNanos - spawnedNanos) / 1e6, inMain};
    }

    /** How long the launcher spent recording its start-up cache before this start; empty when it had one. */
    OptionalDouble cacheRecordedSeconds() {
        long s = cacheRecordedSeconds;
        return s < 0 ? OptionalDouble.empty() : OptionalDouble.of(s);
    }

    /** The process's resident set in MB (Linux /proc), empty elsewhere. */
    OptionalDouble rssMb() {
        return status("VmRSS:");
    }

    /**
     * The private part of the resident set in MB (RssAnon): without the files mapped from disk, such as the JDK's AOT
     * cache, which the kernel may drop and which every process using them shares.
     */
    OptionalDouble rssAnonMb() {
        return status("RssAnon:");
    }

    private OptionalDouble status(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (l.startsWith(field)) { // "VmRSS:    512620 kB"
                    String[] words = l.substring(field.length()).trim().split("\\s+");
                    return OptionalDouble.of(Long.parseLong(words[0]) / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return OptionalDouble.empty();
    }

    /**
     * Live heap in MB: {@code jcmd PID GC.class_histogram} collects fully first and sums what is still reachable. Empty
     * (with the reason on stderr) where jcmd is missing or cannot attach.
     */
    OptionalDouble liveHeapMb() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            System.err.println("bench run: no " + jcmd + "; the live heap is not measured");
            return OptionalDouble.empty();
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
                    .redirectErrorStream(true)
                    .start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            }
            p.waitFor(60, TimeUnit.SECONDS);
            for (String l : lines) {
                Matcher m = HISTOGRAM_TOTAL.matcher(l);
                if (m.matches()) return OptionalDouble.of(Long.parseLong(m.group(1)) / (1024.0 * 1024.0));
            }
            System.err.println("bench run: jcmd gave no histogram total: "
                    + String.join(" / ", lines.subList(0, Math.min(3, lines.size()))));
        } catch (IOException e) {
            System.err.println("bench run: jcmd failed (" + e.getMessage() + "); the live heap is not measured");
        }
        return OptionalDouble.empty();
    }

    private String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** The start summary's "FAILED" lines (a script that did not load); complete once {@link #close()} returned. */
    List<String> failures() {
        synchronized (tail) {
            return List.copyOf(failed);
        }
    }

    /** SIGTERM (as Ctrl-C), then a kill if it has not stopped within 60 s; then the rest of its output is read. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        drainer.join(10_000);
    }
}
