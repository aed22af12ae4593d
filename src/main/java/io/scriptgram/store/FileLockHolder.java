package io.scriptgram.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which process holds a lock on a session file, so "in use" can name it: on Linux the kernel lists every POSIX lock in
 * {@code /proc/locks} with its process and the file's inode ({@code 1: POSIX ADVISORY WRITE PID MAJ:MIN:INODE START
 * END}, proc(5)). Elsewhere, or when the file or the list cannot be read, there is no answer.
 */
final class FileLockHolder {
    private static final Path LOCKS = Path.of("/proc/locks");

    private FileLockHolder() {}

    /** "process 1234 (java … io.scriptgram.cli.Main run)", or null when no holder can be told. */
    static String describe(Path file) {
        try {
            if (!Files.isReadable(LOCKS) || !Files.exists(file)) return null;
            long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            long self = ProcessHandle.current().pid();
            Long other = null;
            boolean mine = false;
            for (String line : Files.readAllLines(LOCKS, StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 6 || !f[1].equals("POSIX")) continue;
                String[] id = f[5].split(":");
                long pid;
                try {
                    if (id.length != 3 || Long.parseLong(id[2]) != inode) continue;
                    pid = Long.parseLong(f[4]);
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (pid == self) mine = true;
                else other = pid;
            }
            if (other != null) return "process " + other + command(other);
            return mine ? "this process (" + self + ")" : null;
        } catch (IOException | RuntimeException unknown) {
            return null; // naming the holder is a courtesy: the caller's error stands without it
        }
    }

    /** " (its command line, shortened)", or "" when it cannot be read. */
    private static String command(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
            int main = args.indexOf("io.scriptgram.cli.Main");
            String shown = main >= 0
                    ? "scriptgram " + String.join(" ", args.subList(main + 1, args.size()))
                    : String.join(" ", args);
            if (shown.isBlank()) return "";
            return " (" + (shown.length() > 120 ? shown.substring(0, 117) + "..." : shown) + ")";
        } catch (IOException | RuntimeException unknown) {
            return "";
        }
    }
}
