package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script's files folder keeps every path inside it, links included. */
class FilesFolderTest {
    @TempDir Path dir;

    @Test
    void pathsStayInsideEvenThroughLinksPlacedInTheFolder() throws Exception {
        FilesFolder f = new FilesFolder(dir.resolve("files"), "bot");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "x");
        Files.createDirectories(f.folder());
        Files.createSymbolicLink(f.folder().resolve("out"), outside);
        Files.createSymbolicLink(f.folder().resolve("secret.txt"), outside.resolve("secret.txt"));

        assertEquals(f.folder().resolve("a/b.bin"), f.writable("a/b.bin", "files.download"));
        assertTrue(Files.isDirectory(f.folder().resolve("a")));
        for (String bad : new String[] {"../x", "/etc/passwd", "", "a/../../x", "out/new/f.bin", "out/secret.txt", "secret.txt"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.writable(bad, "files.download"), bad);
            assertTrue(e.getMessage().startsWith("files.download: '" + bad + "'"), e.getMessage());
        }
        assertFalse(Files.exists(outside.resolve("new")), "no folder was made outside");
        assertThrows(IllegalArgumentException.class, () -> f.existing("secret.txt", "files.upload"));
    }
}
