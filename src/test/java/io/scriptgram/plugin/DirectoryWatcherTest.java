package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWatcherTest {
    @TempDir
    Path dir;

    @Test
    void aBurstOfSavesIsOneReportAndRenamesAreSeen() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        LinkedBlockingQueue<Path> reports = new LinkedBlockingQueue<>();
        try (DirectoryWatcher w =
                new DirectoryWatcher(List.of(scripts), plugins, Duration.ofMillis(150), reports::add)) {
            Path a = scripts.resolve("a.js");
            for (int i = 0; i < 5; i++) Files.writeString(a, "v" + i);
            assertEquals(a.toAbsolutePath(), reports.poll(10, TimeUnit.SECONDS));

            // An editor that writes a temp file and renames it over the script.
            Path tmp = scripts.resolve(".a.js.swp");
            Files.writeString(tmp, "v9");
            Files.move(tmp, a, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertEquals(a.toAbsolutePath(), reports.poll(10, TimeUnit.SECONDS));

            // A new plugin folder, then a change deep inside it, both reported as the folder.
            Path p = Files.createDirectories(plugins.resolve("greeter"));
            Files.writeString(p.resolve("plugin.yml"), "name: greeter\n");
            assertEquals(p.toAbsolutePath(), reports.poll(10, TimeUnit.SECONDS));
            Path lib = Files.createDirectories(p.resolve("lib"));
            Files.writeString(lib.resolve("util.js"), "export const x = 1;");
            assertEquals(p.toAbsolutePath(), reports.poll(10, TimeUnit.SECONDS));

            Files.delete(a);
            assertEquals(a.toAbsolutePath(), reports.poll(10, TimeUnit.SECONDS));
            assertTrue(reports.isEmpty(), "no extra reports: " + reports);
        }
    }

    @Test
    void ownersOfChangedPaths() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (DirectoryWatcher w = new DirectoryWatcher(List.of(scripts), plugins, Duration.ofMillis(50), p -> {})) {
            assertEquals(scripts.resolve("x.py").toAbsolutePath(), w.owner(scripts.resolve("x.py")));
            assertNull(w.owner(scripts.resolve("notes.txt")));
            assertNull(w.owner(scripts.resolve(".x.py.swp")));
            assertEquals(plugins.resolve("g").toAbsolutePath(), w.owner(plugins.resolve("g/deep/f.js")));
        }
    }
}
