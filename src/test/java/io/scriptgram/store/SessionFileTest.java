package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFileTest {
    @TempDir
    Path dir;

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Test
    void newSessionFileIsOwnerOnlyAndSoIsItsWal() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
        Path file = dir.resolve("sub/dir/session.db");
        try (SessionStore store = SessionStore.open(file)) {
            assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(file));
            store.updates().setState(new UpdateState(1, 2, 3, 4));
            Path wal = dir.resolve("sub/dir/session.db-wal");
            assertTrue(Files.exists(wal), "WAL journaling is on while the store is open");
            assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(wal));
            assertFalse(
                    Files.exists(dir.resolve("sub/dir/session.db-shm")),
                    "EXCLUSIVE locking keeps the WAL index in memory");
        }
        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(file));
        assertFalse(
                Files.exists(dir.resolve("sub/dir/session.db-wal")), "a clean close folds the WAL back into one file");
    }

    @Test
    void existingFileKeepsItsPermissions() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "needs a POSIX file system");
        Path file = dir.resolve("session.db");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        assertFalse(SessionFile.createPrivate(file));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), Files.getPosixFilePermissions(file));
    }

    @Test
    void emptyFileIsANewDatabase() throws Exception {
        Path file = dir.resolve("empty.db");
        Files.createFile(file);
        SessionFile.checkHeader(file, file.toString());
        try (SessionStore store = SessionStore.open(file)) {
            assertEquals(Migrations.ALL.size(), store.schemaVersion());
        }
    }

    @Test
    void shortFileIsRefusedWithItsLength() throws Exception {
        Path file = Files.write(dir.resolve("short.db"), "SQLite format 3\0abc".getBytes(StandardCharsets.ISO_8859_1));
        StoreException e = assertThrows(StoreException.class, () -> SessionFile.checkHeader(file, "short.db"));
        assertEquals(StoreException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("19 bytes long"), e.getMessage());
    }

    @Test
    void wrongMagicIsRefused() throws Exception {
        Path file = Files.write(
                dir.resolve("text.db"),
                "hello, this is not a database at all".repeat(10).getBytes(StandardCharsets.US_ASCII));
        StoreException e = assertThrows(StoreException.class, () -> SessionFile.checkHeader(file, "text.db"));
        assertTrue(e.getMessage().contains("not a SQLite database"), e.getMessage());
    }

    @Test
    void impossiblePageSizeIsRefusedWithItsOffset() throws Exception {
        byte[] header = new byte[4096];
        System.arraycopy("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 16);
        header[16] = 0x03; // 0x0300 = 768, not a power of two
        Path file = Files.write(dir.resolve("page.db"), header);
        StoreException e = assertThrows(StoreException.class, () -> SessionFile.checkHeader(file, "page.db"));
        assertTrue(e.getMessage().contains("page size 768 at offset 16"), e.getMessage());
    }
}
