package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check-then-open race a JS import or a Python open goes through: the path is made real (and checked), then opened.
 * A link another process swaps in between must not lead the open out.
 */
class FolderFileSystemTest {
    private static final String SESSION = "SESSION-AUTH-KEY-0123";

    @TempDir
    Path dir;

    private Path data;
    private Path plugin;

    @BeforeEach
    void layout() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("mod.mjs"), "export const SECRET = '" + SESSION + "';");
        plugin = Files.createDirectories(dir.resolve("plugins/evil"));
        Files.createDirectories(plugin.resolve("sub"));
        Files.writeString(plugin.resolve("sub/mod.mjs"), "export const VALUE = 1;");
    }

    /** Another process replaces {@code name} in the plugin folder by a link to the data folder. */
    private void swapForLinkToData(Path name) throws Exception {
        Files.move(name, dir.resolve("moved-" + name.getFileName()));
        Files.createSymbolicLink(name, data);
    }

    @Test
    void aFolderSwappedForALinkAfterTheCheckIsNotReadThrough() throws Exception {
        FolderFileSystem fs = new FolderFileSystem(plugin, null);
        Path real = fs.toRealPath(Path.of("sub/mod.mjs")); // what an import resolves before it reads
        assertTrue(real.startsWith(plugin.toRealPath()), real.toString());

        swapForLinkToData(plugin.resolve("sub"));

        assertThrows(AccessDeniedException.class, () -> read(fs, real));
        assertThrows(AccessDeniedException.class, () -> fs.readAttributes(real, "size"));
        assertThrows(AccessDeniedException.class, () -> fs.newDirectoryStream(real.getParent(), p -> true));
        assertThrows(AccessDeniedException.class, () -> fs.toRealPath(Path.of("sub/mod.mjs")));
    }

    @Test
    void theFolderItselfSwappedForALinkIsNotReadThrough() throws Exception {
        FolderFileSystem fs = new FolderFileSystem(plugin, null);
        Files.writeString(plugin.resolve("mod.mjs"), "export const VALUE = 1;");
        assertEquals("export const VALUE = 1;", read(fs, plugin.resolve("mod.mjs")));

        swapForLinkToData(plugin);

        assertThrows(AccessDeniedException.class, () -> read(fs, plugin.resolve("mod.mjs")));
        assertThrows(AccessDeniedException.class, () -> {
            try (DirectoryStream<Path> s = fs.newDirectoryStream(plugin, p -> true)) {
                s.forEach(p -> {});
            }
        });
    }

    @Test
    void writesAndLinksAreRefusedAsCatchableIoErrors() throws Exception {
        FolderFileSystem fs = new FolderFileSystem(plugin, null);
        Path mod = plugin.resolve("sub/mod.mjs");
        assertThrows(AccessDeniedException.class, () -> fs.newByteChannel(mod, Set.of(StandardOpenOption.WRITE)));
        assertThrows(AccessDeniedException.class, () -> fs.delete(mod));
        assertThrows(AccessDeniedException.class, () -> fs.createDirectory(plugin.resolve("new")));
        assertThrows(AccessDeniedException.class, () -> fs.createSymbolicLink(plugin.resolve("l"), data));
        assertThrows(AccessDeniedException.class, () -> read(fs, Path.of("/etc/passwd")));
        assertEquals("export const VALUE = 1;", read(fs, Path.of("sub/mod.mjs")));
    }

    private static String read(FolderFileSystem fs, Path path) throws Exception {
        try (InputStream in = Channels.newInputStream(fs.newByteChannel(path, Set.of(StandardOpenOption.READ)))) {
            return new String(in.readAllBytes());
        }
    }
}
