package io.scriptgram.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs the JMH benchmarks of one class and returns ops/s per benchmark method. */
public final class JmhRunner {
    private JmhRunner() {}

    public static Map<String, Double> opsPerSecond(Class<?> benchmarks, boolean quick) throws RunnerException {
        return collect(run(benchmarks, quick), false);
    }

    /**
     * Like {@link #opsPerSecond}, but each benchmark's best iteration: on a shared machine, the least disturbed one.
     */
    public static Map<String, Double> bestOpsPerSecond(Class<?> benchmarks, boolean quick) throws RunnerException {
        return collect(run(benchmarks, quick), true);
    }

    /** One benchmark's mean over its measured iterations and its best iteration, in ops/s. */
    public record Score(double mean, double best) {}

    /** Mean and best iteration of each benchmark method from one run (for figures given both ways). */
    public static Map<String, Score> scores(Class<?> benchmarks, boolean quick) throws RunnerException {
        Map<String, Score> out = new HashMap<>();
        for (RunResult r : run(benchmarks, quick)) {
            String label = r.getParams().getBenchmark();
            var primary = r.getPrimaryResult();
            out.put(
                    label.substring(label.lastIndexOf('.') + 1),
                    new Score(primary.getScore(), primary.getStatistics().getMax()));
        }
        return out;
    }

    private static Collection<RunResult> run(Class<?> benchmarks, boolean quick) throws RunnerException {
        Options opts = new OptionsBuilder()
                .include(benchmarks.getName() + "\\.")
                .forks(quick ? 0 : 1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .timeUnit(TimeUnit.SECONDS)
                .mode(Mode.Throughput)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        return new Runner(opts).run();
    }

    private static Map<String, Double> collect(Collection<RunResult> results, boolean best) {
        Map<String, Double> out = new HashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            var primary = r.getPrimaryResult();
            out.put(
                    label.substring(label.lastIndexOf('.') + 1),
                    best ? primary.getStatistics().getMax() : primary.getScore());
        }
        return out;
    }
}
