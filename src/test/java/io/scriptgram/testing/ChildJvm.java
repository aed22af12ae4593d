package io.scriptgram.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command lines for tests that start a second JVM. A process started in the background by a non-interactive shell
 * inherits SIGINT (and SIGQUIT) as ignored, and a JVM keeps an ignored SIGINT ignored: a test that sends the child
 * Ctrl-C would then fail for a reason of its launcher. So the child is started through {@code env --default-signal},
 * where the system's env has it, which gives it the default handling a terminal would.
 */
public final class ChildJvm {
    private static final boolean ENV_RESETS_SIGNALS = probe();

    private ChildJvm() {}

    /** The java launcher of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code command} (starting with the java launcher), with SIGINT, SIGTERM and SIGQUIT at their defaults. */
    public static List<String> withDefaultSignals(List<String> command) {
        if (!ENV_RESETS_SIGNALS) return command;
        List<String> out = new ArrayList<>(List.of("env", "--default-signal=INT,TERM,QUIT"));
        out.addAll(command);
        return out;
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
