package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session file held by another process (a host running on it) is refused as "in use" naming that process, so the user
 * knows what to stop.
 */
class FileLockHolderTest {
    @TempDir
    Path dir;

    /** A second JVM that takes a POSIX lock on the whole file (as SQLite's locks are) and keeps it until stdin ends. */
    private static final String HOLD = """
            import java.nio.channels.FileChannel;
            import java.nio.file.*;
            public class Hold {
                public static void main(String[] a) throws Exception {
                    try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
                         var lock = c.lock()) {
                        System.out.println("locked");
                        System.out.flush();
                        System.in.read();
                    }
                }
            }
            """;

    @Test
    void aFileLockedByAnotherProcessNamesIt() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/locks")), "the kernel lists no locks here (not Linux)");
        Path file = dir.resolve("held.session");
        try (SessionStore created = SessionStore.open(file)) {
            created.session().setHomeDc(2);
        }
        Path source = Files.writeString(dir.resolve("Hold.java"), HOLD);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, source.toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine(), "the holder process took its lock");
            StoreException e = assertThrows(
                    StoreException.class,
                    () -> SessionStore.open(file, StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(200)))
                            .close());
            assertEquals(StoreException.Kind.IN_USE, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("is in use by process " + holder.pid() + " ("), e.getMessage());
            assertTrue(e.getMessage().contains("Hold"), "its command line: " + e.getMessage());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) holder.destroyForcibly();
        }
    }

    @Test
    void aFileNobodyHoldsHasNoHolder() throws Exception {
        Path file = Files.writeString(dir.resolve("free"), "x");
        assertNull(FileLockHolder.describe(file));
        assertNull(FileLockHolder.describe(dir.resolve("missing")));
    }
}
