package io.scriptgram.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Another library's harness script run as a child process (node for mtcute and GramJS, python3 for Telethon): the one
 * way the benches and the session round trips start such a process. Its standard input is empty (a library that asks a
 * question on the terminal gets end-of-file, not a wait), its output goes to files read once it has ended, and it is
 * killed at the time limit, so a client that hangs costs that limit and no more.
 */
public final class HarnessProcess {
    private HarnessProcess() {}

    /** How a run ended: the exit code (-1 when killed at the limit) and everything it printed. */
    public record Outcome(int exit, boolean timedOut, String out, String err) {
        /** The last line of standard output that is a JSON object, parsed; empty if there is none. */
        public Optional<JsonNode> json() {
            String last = out.lines()
                    .map(String::strip)
                    .filter(l -> l.startsWith("{"))
                    .reduce((a, b) -> b)
                    .orElse(null);
            if (last == null) return Optional.empty();
            try {
                return Optional.of(new ObjectMapper().readTree(last));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        public boolean ok() {
            return exit == 0 && !timedOut && json().isPresent();
        }

        /** One paragraph for an error: how it ended and the tails of both outputs. */
        public String describe(String what) {
            String how = timedOut ? "did not finish within the limit and was killed" : "exited " + exit;
            return what + " " + how + "; stdout: " + tail(out) + "; stderr: " + tail(err);
        }

        private static String tail(String s) {
            String t = s.strip();
            return t.isEmpty() ? "(empty)" : t.length() <= 4000 ? t : "..." + t.substring(t.length() - 4000);
        }
    }

    /**
     * Copies the resource {@code script} (next to {@code owner}) into {@code dir} and runs {@code command... script
     * args...} there.
     */
    public static Outcome runScript(
            Class<?> owner, String script, List<String> command, Path dir, List<String> args, Duration limit)
            throws IOException, InterruptedException {
        Path file = dir.resolve(script);
        try (InputStream in = owner.getResourceAsStream(script)) {
            if (in == null) throw new IOException("resource " + script + " is missing from the build");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(command);
        cmd.add(file.toString());
        cmd.addAll(args);
        return run(cmd, dir, limit);
    }

    /** Runs {@code cmd} in {@code dir} with empty standard input, for at most {@code limit}. */
    public static Outcome run(List<String> cmd, Path dir, Duration limit) throws IOException, InterruptedException {
        Path out = Files.createTempFile("scriptgram-harness", ".out");
        Path err = Files.createTempFile("scriptgram-harness", ".err");
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            p.getOutputStream().close(); // end-of-file for any question asked on the terminal
            boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            return new Outcome(
                    done ? p.exitValue() : -1,
                    !done,
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Whether {@code cmd} runs and exits 0 within {@code limit}; false when it cannot start. */
    public static boolean succeeds(List<String> cmd, Path dir, Duration limit) throws InterruptedException {
        try {
            return run(cmd, dir, limit).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
