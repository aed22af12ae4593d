package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: a script keeps arrays in a global until the heap is full. {@code scriptgram run} runs in a child JVM with
 * a small heap, beside the bomb a canary that logs every 250 ms and a churner that allocates far more than the bomb but
 * keeps nothing. The bomb is stopped with an error naming it, the canary and the churner go on, and Ctrl-C (SIGINT)
 * still stops the host.
 */
class MemoryBombTest {
    private static final String HEAP = "-Xmx384m";
    private static final long WAIT_SECONDS = 150; // a busy 2-core machine: generous, never a speed check
    private static final Pattern FIGURES = Pattern.compile("(\\w+) (\\d+)/(\\d+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir; // kept when a test fails: the host's output is in it

    @Test
    void aJavaScriptMemoryBombIsStoppedAndTheOtherScriptsAndCtrlCStillWork() throws Exception {
        script("bomb.js", """
                globalThis.keep = [];
                every('20ms', () => { for (let i = 0; i < 4; i++) keep.push(new Array(100000).fill(i)); });
                """);
        script("canary.js", """
                let n = 0;
                every('250ms', () => log.info('canary alive ' + (++n)));
                """);
        script("churn.js", """
                let made = 0, n = 0;
                every('20ms', () => {
                  for (let i = 0; i < 12; i++) { const a = new Float64Array(60000); a[i] = i; made += a[i]; }
                });
                every('1s', () => log.info('churn alive ' + (++n)));
                """);
        bombStoppedOthersGoOnAndCtrlCStops();
    }

    @Test
    void aPythonMemoryBombIsStoppedAndTheOtherScriptsAndCtrlCStillWork() throws Exception {
        script("bomb.py", """
                keep = []
                def grow():
                    for i in range(4):
                        keep.append([i] * 100000)
                every('20ms', grow)
                """);
        script("canary.py", """
                n = 0
                def beat():
                    global n
                    n += 1
                    log.info('canary alive %d' % n)
                every('250ms', beat)
                """);
        script("churn.js", """
                let made = 0, n = 0;
                every('20ms', () => {
                  for (let i = 0; i < 12; i++) { const a = new Float64Array(60000); a[i] = i; made += a[i]; }
                });
                every('1s', () => log.info('churn alive ' + (++n)));
                """);
        bombStoppedOthersGoOnAndCtrlCStops();
    }

    private void script(String name, String text) throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts").resolve(name), text);
    }

    private void bombStoppedOthersGoOnAndCtrlCStops() throws Exception {
        Files.writeString(
                dir.resolve("config.yml"),
                String.join(
                        "\n",
                        "mode: sandbox",
                        "session: s.session",
                        "sandbox: {chatter: false, key: k.pem}",
                        "scripts: {dirs: [scripts], hot_reload: false}",
                        ""));
        Host host = new Host(dir);
        try {
            host.await(i -> host.line(i).startsWith("scriptgram: ready"), "the host started");
            int stop = host.await(
                    i -> host.line(i).contains("memory guard: stopping script 'bomb'"),
                    "the memory guard stopped the bomb");
            String verdict = host.line(stop);
            host.await(
                    i -> host.line(i).contains("script.bomb: stopped by the memory guard"),
                    "the bomb's own error says why");
            // after the stop: the canary logs on (three more beats), and so does the churner
            host.await(
                    i -> i > stop && beats(host, stop, i) >= 3, "the canary keeps logging after the bomb is stopped");
            host.await(
                    i -> i > stop && host.line(i).contains("script.churn: churn alive"), "the churner keeps running");
            for (String l : host.lines) {
                assertFalse(
                        l.contains("stopping script 'churn'") || l.contains("stopping script 'canary'"),
                        "only the bomb is blamed: " + l);
            }
            // the false-positive check counts only if the churner allocated more than the bomb did
            long churned = allocatedMb(verdict, "churn"), bombed = allocatedMb(verdict, "bomb");
            assertTrue(
                    churned > bombed,
                    "the churner allocated more than the bomb (" + churned + " MB vs " + bombed + " MB): " + verdict);
            System.out.println("memory bomb: " + verdict);

            new ProcessBuilder("kill", "-INT", Long.toString(host.process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            boolean stopped = host.process.waitFor(10, TimeUnit.SECONDS);
            if (!stopped) host.dumpThreads();
            assertTrue(
                    stopped,
                    "Ctrl-C (SIGINT) stops the host within 10 s (output: " + host.log
                            + ", threads: threads.txt beside it)");
            assertEquals(0, host.process.exitValue(), "a clean stop");
        } finally {
            host.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Canary lines among output lines {@code from} to {@code to}. */
    private static long beats(Host host, int from, int to) {
        // a snapshot: the reader thread keeps adding lines, and a live subList of a CopyOnWriteArrayList then throws
        return List.copyOf(host.lines).subList(from, to + 1).stream()
                .filter(l -> l.contains("script.canary: canary alive"))
                .count();
    }

    /** From the guard's "NAME SAMPLES/MB" figures: what {@code script} had allocated. */
    private static long allocatedMb(String verdict, String script) {
        Matcher m = FIGURES.matcher(verdict);
        while (m.find()) if (m.group(1).equals(script)) return Long.parseLong(m.group(3));
        throw new AssertionError("no figures for " + script + " in: " + verdict);
    }

    /** {@code scriptgram run} in a child JVM with a small heap; its output is collected line by line. */
    private static final class Host {
        /** Writes the child's thread dump beside its log, so a stop that hangs explains itself. */
        void dumpThreads() throws Exception {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(log.resolveSibling("threads.txt").toFile())
                    .start()
                    .waitFor(20, TimeUnit.SECONDS);
        }

        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Path log;

        Host(Path dir) throws Exception {
            log = dir.resolve("host.log");
            process = new ProcessBuilder(ChildJvm.withDefaultSignals(List.of(
                            ChildJvm.java(),
                            HEAP,
                            "-XX:+UseG1GC",
                            "-Xss4m",
                            "--enable-native-access=ALL-UNNAMED",
                            "-Dpolyglot.engine.WarnInterpreterOnly=false",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "run",
                            "--config",
                            dir.resolve("config.yml").toString())))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            // reads it all: the host never blocks on a full pipe
            Thread.ofPlatform().daemon().name("host-output").start(() -> {
                try (BufferedReader r = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                        Writer w = Files.newBufferedWriter(log)) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                        w.write(line + "\n");
                        w.flush();
                    }
                } catch (Exception ignored) {
                    // the process is gone
                }
            });
        }

        String line(int i) {
            return lines.get(i);
        }

        /** Waits for the first output line (by index) that passes {@code test}; returns its index. */
        int await(IntPredicate test, String what) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            int next = 0;
            while (true) {
                for (; next < lines.size(); next++) if (test.test(next)) return next;
                if (!process.isAlive() && next >= lines.size()) {
                    fail("the host exited before: " + what + " (output: " + log + ")");
                }
                if (System.nanoTime() - end > 0) fail("timed out waiting: " + what + " (output: " + log + ")");
                LockSupport.parkNanos(20_000_000);
            }
        }
    }
}
