package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.UserError;
import io.scriptgram.scripttest.JUnitReport;
import io.scriptgram.scripttest.TestFiles;
import io.scriptgram.scripttest.TestRun;
import io.scriptgram.scripttest.TextReport;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code test [PATH…]}: runs the tests of scripts and plugins ({@code NAME.test.js}, {@code test_NAME.py}) offline,
 * each against a fresh in-process sandbox world on virtual time. Exit status 0 only when every test passed; no tests
 * found is exit 1 unless {@code --pass-with-no-tests}.
 */
@Command(
        name = "test",
        description = "Runs the tests of scripts and plugins (NAME.test.js, test_NAME.py) offline against a sandbox"
                + " world on virtual time.")
public final class TestCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description = "Test files or folders to search. Default: the configured scripts and plugins folders.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--filter", paramLabel = "NAME", description = "Only tests whose name contains NAME.")
    String filter;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML (for CI) to FILE.")
    Path junit;

    @Option(names = "--watch", description = "Run again whenever a script, plugin or test file changes.")
    boolean watch;

    @Option(names = "--pass-with-no-tests", description = "Exit 0 when no test is found.")
    boolean passWithNoTests;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description = "Test files run at once, each test with its own world. Default: the number of cores, at"
                    + " most 4. The report keeps file and test order.")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        // The quieted logging is given back when the command ends: in a process that goes on (tests, an embedding
        // host) the scripts' lines must reach the root handlers again.
        Level rootLevel = ROOT_LOGGER.getLevel(), scriptLevel = SCRIPT_LOGGER.getLevel();
        boolean scriptParents = SCRIPT_LOGGER.getUseParentHandlers();
        try {
            return runTests();
        } finally {
            ROOT_LOGGER.setLevel(rootLevel);
            SCRIPT_LOGGER.setLevel(scriptLevel);
            SCRIPT_LOGGER.setUseParentHandlers(scriptParents);
        }
    }

    private int runTests() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Config base = config.loadIfPresent();
        if (base == null) base = ConfigLoader.parse("mode: sandbox\n", "defaults", Path.of(""), Map.of());
        quietLogs();
        List<Path> roots = new ArrayList<>(paths);
        if (roots.isEmpty()) {
            roots.addAll(base.scripts().dirs());
            if (base.scripts().plugins() != null) roots.add(base.scripts().plugins());
            roots.removeIf(p -> !Files.exists(p));
        }
        if (jobs != null && jobs < 1) throw new UserError("--jobs must be 1 or more, got " + jobs);
        TestRun run = new TestRun(base, TlSchema.bundled(), jobs == null ? TestRun.defaultJobs() : jobs);
        int status = once(run, roots, out);
        if (!watch) return status;
        Map<Path, FileTime> seen = snapshot(roots);
        out.println("\nWatching for changes (Ctrl-C stops)...");
        out.flush();
        while (true) {
            Thread.sleep(300); // polling a few folders; a file system watcher per folder is not worth it here
            Map<Path, FileTime> now = snapshot(roots);
            if (now.equals(seen)) continue;
            seen = now;
            out.println("\n--- change seen, running again ---");
            once(run, roots, out);
            out.println("\nWatching for changes (Ctrl-C stops)...");
            out.flush();
        }
    }

    private int once(TestRun run, List<Path> roots, PrintWriter out) throws IOException {
        List<TestFiles.TestFile> files;
        try {
            files = TestFiles.find(roots);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (files.isEmpty()) {
            out.println("no tests found (looked in "
                    + String.join(", ", roots.stream().map(Path::toString).toList())
                    + " for NAME.test.js and test_NAME.py)");
            out.flush();
            return passWithNoTests ? 0 : 1;
        }
        TextReport report = new TextReport(out);
        TestRun.Summary s = run.run(files, filter, report::result);
        if (s.results().isEmpty()) {
            out.println("no tests found" + (filter == null ? "" : " matching --filter " + filter));
            out.flush();
            return passWithNoTests ? 0 : 1;
        }
        report.summary(s);
        if (junit != null) JUnitReport.write(junit, s);
        return s.allPassed() ? 0 : 1;
    }

    /** The host's own lines (connections, loads) stay out of the report; the scripts' go to it, per test. */
    private static void quietLogs() {
        ROOT_LOGGER.setLevel(Level.WARNING);
        SCRIPT_LOGGER.setLevel(Level.INFO);
        SCRIPT_LOGGER.setUseParentHandlers(false);
    }

    // Held here: the logging framework keeps loggers weakly, and a collected one forgets its level.
    private static final Logger ROOT_LOGGER = Logger.getLogger("");
    private static final Logger SCRIPT_LOGGER = Logger.getLogger("script");

    private static Map<Path, FileTime> snapshot(List<Path> roots) {
        Map<Path, FileTime> m = new HashMap<>();
        for (Path r : roots) {
            try (Stream<Path> s = Files.walk(r, 3)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) m.put(p, Files.getLastModifiedTime(p));
            } catch (IOException e) {
                // a folder that went away: its files are simply gone from the snapshot
            }
        }
        return m;
    }
}
