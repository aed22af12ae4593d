package io.scriptgram.scripttest;

import io.scriptgram.config.Config;
import io.scriptgram.sandbox.SandboxKeys;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One {@code scriptgram test} run: the test files found, up to {@code jobs} of them at once (each test with a world of
 * its own), the tests of one file one after another. Results are reported in file order, then test order, whatever
 * finished first.
 */
public final class TestRun {
    /** What a run found and how it went. */
    public record Summary(List<TestFiles.TestFile> files, List<TestResult> results, long millis) {
        public long failed() {
            return results.stream().filter(r -> !r.passed()).count();
        }

        public boolean allPassed() {
            return failed() == 0;
        }
    }

    /** More files at once than this gains little: each holds a sandbox, a host and script contexts in memory. */
    public static final int MAX_JOBS = 4;

    private final Config base;
    private final TlSchema schema;
    private final int jobs;

    public TestRun(Config base, TlSchema schema) {
        this(base, schema, defaultJobs());
    }

    /** With {@code jobs} test files at once (1: one after another). */
    public TestRun(Config base, TlSchema schema, int jobs) {
        if (jobs < 1) throw new IllegalArgumentException("--jobs must be 1 or more, got " + jobs);
        this.base = base;
        this.schema = schema;
        this.jobs = jobs;
    }

    /** The number of cores, at most {@link #MAX_JOBS}. */
    public static int defaultJobs() {
        return Math.max(1, Math.min(MAX_JOBS, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Runs the tests of {@code files} whose name contains {@code filter} (case-insensitive; null: all), reporting each
     * result to {@code each} (on the caller's thread, in file then test order) as soon as the ones before it are in.
     */
    public Summary run(List<TestFiles.TestFile> files, String filter, Consumer<TestResult> each) throws IOException {
        long t0 = System.nanoTime();
        Predicate<String> select =
                filter == null ? n -> true : n -> n.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT));
        // One sandbox key for the whole run, made before any test starts: an RSA key per test would cost more than
        // the test, and files running at once must not race to create it.
        Path keys = Files.createTempDirectory("scriptgram-test-keys-");
        Path keyFile = keys.resolve("sandbox-key.pem");
        List<TestResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, files.size())), r -> {
            Thread t = new Thread(r, "scripttest-file");
            t.setDaemon(true);
            return t;
        });
        try {
            // The key is made while the first test files are read into their contexts (the RSA key and a JS context
            // are each CPU work of about a second; on two cores they overlap); a test's world waits for it.
            CompletableFuture<Path> key = CompletableFuture.supplyAsync(
                    () -> {
                        SandboxKeys.loadOrCreate(keyFile, keyFile.resolveSibling("sandbox-key.pub.pem"));
                        return keyFile;
                    },
                    Executors.newVirtualThreadPerTaskExecutor());
            TestFileRunner runner = new TestFileRunner(base, schema, key);
            List<CompletableFuture<List<TestResult>>> byFile = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) byFile.add(new CompletableFuture<>());
            // Files testing the same script or plugin share its name (its log and storage go by it): they run in one
            // chain, one after another; chains run at once.
            for (List<Integer> chain : chains(files)) {
                pool.execute(() -> {
                    for (int i : chain) {
                        try {
                            byFile.get(i).complete(runner.run(files.get(i), select, r -> {}));
                        } catch (RuntimeException | Error e) {
                            byFile.get(i).completeExceptionally(e);
                        }
                    }
                });
            }
            for (CompletableFuture<List<TestResult>> f : byFile) {
                for (TestResult r : join(f)) {
                    results.add(r);
                    each.accept(r);
                }
            }
        } finally {
            pool.shutdownNow();
            TestHost.delete(keys);
        }
        return new Summary(files, results, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The indexes of {@code files}, grouped by the name of what each tests, in file order. */
    static List<List<Integer>> chains(List<TestFiles.TestFile> files) {
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            TestFiles.TestFile f = files.get(i);
            String key;
            try {
                key = f.subject() == null ? "#" + i : TestHost.nameOf(f.subject());
            } catch (RuntimeException e) {
                key = f.subject().getFileName().toString();
            }
            byName.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return List.copyOf(byName.values());
    }

    private static List<TestResult> join(CompletableFuture<List<TestResult>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the test run was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
