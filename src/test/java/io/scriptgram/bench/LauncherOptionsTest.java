package io.scriptgram.bench;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/scriptgram's memory defaults and how a user overrides them: read from the command it would run
 * (SCRIPTGRAM_DRY_RUN=1, which neither builds nor records the start-up cache).
 */
class LauncherOptionsTest {
    private static final Path LAUNCHER = Path.of("bin/scriptgram").toAbsolutePath();

    private record Result(int status, List<String> args, String err) {}

    private static Result launch(Map<String, String> env) throws IOException, InterruptedException {
        return launch(env, "run");
    }

    private static Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return launchIn(null, env, args);
    }

    private static Result launchIn(Path dir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(LAUNCHER) && Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) pb.directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SCRIPTGRAM_"));
        pb.environment().put("SCRIPTGRAM_DRY_RUN", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Result(p.exitValue(), out.lines().toList(), err);
    }

    private static long count(List<String> args, String prefix) {
        return args.stream().filter(a -> a.startsWith(prefix)).count();
    }

    @Test
    void defaultHeapIsBoundedAndStartsSmall() throws Exception {
        Result r = launch(Map.of());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.args().contains("-Xmx384m"), r.args().toString());
        assertTrue(r.args().contains("-Xms32m"), r.args().toString());
        assertTrue(r.args().contains("-XX:+UseParallelGC"), r.args().toString());
        assertEquals(
                List.of("io.scriptgram.cli.Main", "run"),
                r.args().subList(r.args().size() - 2, r.args().size()));
    }

    @Test
    void aBenchIsNotHeldToTheHostsHeapCapUnlessAsked() throws Exception {
        Result bench = launch(Map.of(), "bench", "accounts");
        assertEquals(0, bench.status(), bench.err());
        assertEquals(0, count(bench.args(), "-Xmx"), "bench accounts holds 200 accounts: " + bench.args());
        Result asked = launch(Map.of("SCRIPTGRAM_HEAP", "1g"), "bench", "accounts");
        assertEquals(
                List.of("-Xmx1g"),
                asked.args().stream().filter(a -> a.startsWith("-Xmx")).toList());
    }

    @Test
    void heapSizeComesFromTheEnvironment() throws Exception {
        Result r = launch(Map.of("SCRIPTGRAM_HEAP", "1g"));
        assertEquals(0, r.status(), r.err());
        assertEquals(
                List.of("-Xmx1g"),
                r.args().stream().filter(a -> a.startsWith("-Xmx")).toList());

        Result jvm = launch(Map.of("SCRIPTGRAM_HEAP", "jvm"));
        assertEquals(0, count(jvm.args(), "-Xmx"), jvm.args().toString());
        assertEquals(0, count(jvm.args(), "-Xms"), jvm.args().toString());
    }

    @Test
    void theUsersJavaOptionsReplaceOurHeapAndCollector() throws Exception {
        Result r = launch(Map.of("SCRIPTGRAM_JAVA_OPTS", "-Xmx2g -XX:+UseSerialGC"));
        assertEquals(0, r.status(), r.err());
        assertEquals(
                List.of("-Xmx2g"),
                r.args().stream().filter(a -> a.startsWith("-Xmx")).toList());
        assertFalse(r.args().contains("-XX:+UseParallelGC"), "two collectors make the JVM refuse to start");
        assertTrue(r.args().contains("-XX:+UseSerialGC"));
    }

    @Test
    void aHeapThatIsNoSizeIsRefusedByName() throws Exception {
        Result r = launch(Map.of("SCRIPTGRAM_HEAP", "lots"));
        assertEquals(1, r.status());
        assertTrue(r.err().contains("SCRIPTGRAM_HEAP=lots is not a size"), r.err());
        assertTrue(r.args().isEmpty());
    }

    private static List<String> caches(Result r) {
        return r.args().stream().filter(a -> a.startsWith("-XX:AOTCache=")).toList();
    }

    /** A project folder with config.yml (scripts in {@code dirs}) and the given files. */
    private static Path project(Path dir, String dirs, String... files) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yml"), "mode: sandbox\nscripts:\n  dirs: " + dirs + "\n");
        for (String f : files) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
        }
        return dir;
    }

    @Test
    void aRunWithoutPythonMapsTheCacheRecordedWithoutGraalPy(@TempDir Path dir) throws Exception {
        Path js = project(dir.resolve("js"), "[scripts]", "scripts/a.js", "plugins/w/main.js", "data/old.py");
        Result r = launchIn(js, Map.of(), "run");
        assertEquals(0, r.status(), r.err());
        assumeTrue(!caches(r).isEmpty(), "the launcher maps an AOT cache with JDK 25+ only");
        assertEquals(1, caches(r).size(), r.args().toString());
        assertTrue(caches(r).get(0).endsWith("-js.aot"), caches(r).toString());
        // the same project named by --config from elsewhere
        Result named = launchIn(
                dir, Map.of(), "run", "--config", js.resolve("config.yml").toString());
        assertEquals(caches(r), caches(named));
    }

    @Test
    void pythonAnywhereNearTheConfigOrScriptsNamedElsewhereMapTheWholeCache(@TempDir Path dir) throws Exception {
        Path script = project(dir.resolve("script"), "[scripts]", "scripts/a.js", "scripts/b.py");
        Path plugin = project(dir.resolve("plugin"), "[scripts]", "plugins/p/main.py");
        Path elsewhere = project(dir.resolve("elsewhere"), "[scripts, /srv/more-scripts]", "scripts/a.js");
        for (Path p : List.of(script, plugin, elsewhere)) {
            Result r = launchIn(p, Map.of(), "run");
            assertEquals(0, r.status(), r.err());
            assumeTrue(!caches(r).isEmpty(), "the launcher maps an AOT cache with JDK 25+ only");
            assertEquals(1, caches(r).size(), p + ": " + r.args());
            assertFalse(caches(r).get(0).endsWith("-js.aot"), p + ": " + caches(r));
        }
        // other commands than run keep the whole cache
        Result sandbox = launchIn(project(dir.resolve("other"), "[scripts]", "scripts/a.js"), Map.of(), "sandbox");
        assertFalse(
                caches(sandbox).isEmpty() || caches(sandbox).get(0).endsWith("-js.aot"),
                caches(sandbox).toString());
    }
}
