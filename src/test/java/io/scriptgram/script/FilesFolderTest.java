package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script's files folder keeps every path inside it, links included, also links that appear while a transfer runs. */
class FilesFolderTest {
    @TempDir
    Path dir;

    @Test
    void pathsStayInsideEvenThroughLinksPlacedInTheFolder() throws Exception {
        FilesFolder f = new FilesFolder(dir.resolve("files"), "bot");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "x");
        Files.createDirectories(f.folder());
        Files.createSymbolicLink(f.folder().resolve("out"), outside);
        Files.createSymbolicLink(f.folder().resolve("secret.txt"), outside.resolve("secret.txt"));

        place(f, "a/b.bin", "data");
        assertEquals("data", Files.readString(f.folder().resolve("a/b.bin")));
        String[] refused = {"../x", "/etc/passwd", "", "a/../../x", "out/new/f.bin", "out/secret.txt", "secret.txt"};
        for (String bad : refused) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> place(f, bad, "evil"), bad);
            assertTrue(e.getMessage().startsWith("files.download: '" + bad + "'"), e.getMessage());
        }
        assertFalse(Files.exists(outside.resolve("new")), "no folder was made outside");
        assertEquals("x", Files.readString(outside.resolve("secret.txt")));
        for (String bad : new String[] {"secret.txt", "out/secret.txt"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> f.open(bad, "files.upload"));
            assertTrue(e.getMessage().contains("link"), e.getMessage());
        }
    }

    @Test
    void aFolderSwappedForALinkWhileADownloadRunsIsNotWrittenThrough() throws Exception {
        FilesFolder f = new FilesFolder(dir.resolve("files"), "bot");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        place(f, "out/first.bin", "one"); // out/ exists and was checked
        Path staged = f.staging("out/report.bin", "files.download");
        Files.writeString(staged, "downloaded");
        // Meanwhile another process replaces out/ by a link to a folder outside.
        Path out = f.folder().resolve("out");
        Files.move(out, dir.resolve("moved-away"));
        Files.createSymbolicLink(out, outside);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> f.place(staged, "out/report.bin", "files.download"));
        assertTrue(e.getMessage().contains("link"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("report.bin")), "nothing was written outside the folder");
    }

    @Test
    void aFileSwappedForALinkAfterItWasOpenedUploadsWhatWasOpened() throws Exception {
        FilesFolder f = new FilesFolder(dir.resolve("files"), "bot");
        Path secret = Files.writeString(dir.resolve("scriptgram.session"), "SESSION");
        place(f, "in/photo.bin", "PHOTO");
        FilesFolder.Upload up = f.open("in/photo.bin", "files.upload");
        Path in = f.folder().resolve("in");
        Files.move(in, dir.resolve("moved-away"));
        Files.createSymbolicLink(in, secret.getParent());
        try (InputStream s = up.in()) {
            assertEquals("PHOTO", new String(s.readAllBytes()));
        }
        Files.createSymbolicLink(f.folder().resolve("late.bin"), secret);
        assertThrows(IllegalArgumentException.class, () -> f.open("late.bin", "files.upload"));
        assertThrows(IllegalArgumentException.class, () -> f.open("in/scriptgram.session", "files.upload"));
    }

    @Test
    void anExistingFileIsReplacedAndNoScriptNameReachesTheStagingFolder() throws Exception {
        FilesFolder f = new FilesFolder(dir.resolve("files"), "bot");
        place(f, "same.bin", "old");
        place(f, "same.bin", "new");
        assertEquals("new", Files.readString(f.folder().resolve("same.bin")));
        assertThrows(IllegalArgumentException.class, () -> new FilesFolder(dir.resolve("files"), FilesFolder.STAGING));
    }

    /** What files.download does: download to the staging file, then place it. */
    private static void place(FilesFolder f, String relative, String content) throws Exception {
        Path staged = f.staging(relative, "files.download");
        Files.writeString(staged, content);
        f.place(staged, relative, "files.download");
    }
}
