package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python script cannot take the process's signals by any route it has; in a host process that ran it, SIGINT and
 * SIGTERM still reach the host's own handler and stop it.
 */
class ScriptSignalsTest {
    @TempDir
    Path dir;

    static final String ATTACK = """
            import signal, _signal, importlib, sys, _imp, os
            import importlib.machinery as machinery
            def fresh():
                sys.modules.pop('_signal', None)
                m = _imp.create_builtin(machinery.ModuleSpec('_signal', None))
                _imp.exec_builtin(m)
                return m
            routes = {
                'signal INT': lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
                'signal TERM': lambda: signal.signal(signal.SIGTERM, signal.SIG_IGN),
                'handler': lambda: signal.signal(signal.SIGTERM, lambda s, f: None),
                '_signal': lambda: _signal.signal(2, 1),
                'reload': lambda: importlib.reload(_signal).signal(2, 1),
                'create_builtin': lambda: fresh().signal(15, 1),
                'getsignal': lambda: signal.getsignal(2),
                'raise_signal': lambda: signal.raise_signal(15),
                'alarm': lambda: signal.alarm(1),
                'setitimer': lambda: signal.setitimer(signal.ITIMER_REAL, 1),
                'os.kill': lambda: os.kill(os.getpid(), 15),
            }
            out = []
            for name, f in routes.items():
                try:
                    f()
                    out.append(name + '=ALLOWED')
                except Exception as e:
                    out.append(name + '=' + type(e).__name__)
            test.note(text='|'.join(out))
            """;

    @Test
    void sigintStillStopsTheHost() throws Exception {
        stopsOn("INT");
    }

    @Test
    void sigtermStillStopsTheHost() throws Exception {
        stopsOn("TERM");
    }

    private void stopsOn(String signal) throws Exception {
        Path script = Files.writeString(dir.resolve("grab.py"), ATTACK);
        Process p = new ProcessBuilder(ChildJvm.withDefaultSignals(List.of(
                        ChildJvm.java(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Dpolyglot.engine.WarnInterpreterOnly=false",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SignalHost.class.getName(),
                        script.toString())))
                .redirectErrorStream(true)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        // Reads all of the output, so the host never blocks on a full pipe.
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (line.equals("ready")) ready.complete(null);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ready.complete(null);
        });
        try {
            ready.get(300, TimeUnit.SECONDS); // a fresh JVM starting GraalPy on a loaded machine
            String report = lines.stream()
                    .filter(l -> l.startsWith("script: "))
                    .findFirst()
                    .orElse("script: no report; output: " + lines);
            for (String route : report.substring("script: ".length()).split("\\|")) {
                assertTrue(route.endsWith("=PermissionError"), route + " in " + report);
            }
            assertTrue(lines.contains("ready"), "the host did not get ready: " + lines);
            // Not Process.destroy(): it also closes the pipe the output is read from.
            assertEquals(
                    0,
                    new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                            .start()
                            .waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "SIG" + signal + " did not stop the host; output: " + lines);
            reader.join(10_000);
            assertEquals(0, p.exitValue(), lines.toString());
            assertTrue(lines.contains("stopped by " + signal), lines.toString());
        } finally {
            p.destroyForcibly();
        }
    }
}
