package io.scriptgram.scripttest;

import io.scriptgram.config.Config;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** One {@code scriptgram test} run: the test files found, their selected tests run one after another. */
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

    private final Config base;
    private final TlSchema schema;

    public TestRun(Config base, TlSchema schema) {
        this.base = base;
        this.schema = schema;
    }

    /**
     * Runs the tests of {@code files} whose name contains {@code filter} (case-insensitive; null: all), reporting each
     * result to {@code each} as it comes.
     */
    public Summary run(List<TestFiles.TestFile> files, String filter, Consumer<TestResult> each) throws IOException {
        long t0 = System.nanoTime();
        Predicate<String> select =
                filter == null ? n -> true : n -> n.toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT));
        // One sandbox key for the whole run: making an RSA key per test would cost more than the test.
        Path keys = Files.createTempDirectory("scriptgram-test-keys-");
        List<TestResult> results = new ArrayList<>();
        try {
            TestFileRunner runner = new TestFileRunner(base, schema, keys.resolve("sandbox-key.pem"));
            for (TestFiles.TestFile f : files) results.addAll(runner.run(f, select, each));
        } finally {
            TestHost.delete(keys);
        }
        return new Summary(files, results, (System.nanoTime() - t0) / 1_000_000);
    }
}
