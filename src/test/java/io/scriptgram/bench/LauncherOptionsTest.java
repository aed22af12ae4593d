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
        assumeTrue(Files.isExecutable(LAUNCHER) && Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
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
}
