package io.scriptgram.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;

/**
 * The session file before SQLite touches it: created private to its owner (it holds auth keys, which are as good as a
 * logged-in account), and checked to be a whole SQLite database, so that a wrong or damaged file is refused before
 * anything could write to it.
 */
final class SessionFile {
    static final int HEADER_SIZE = 100;
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SessionFile() {}

    /**
     * Creates an empty file readable and writable by its owner only (0600). SQLite gives its -wal/-journal files the
     * database file's mode, so those are private too. Returns false when the file already existed (it is then left
     * exactly as it is).
     */
    static boolean createPrivate(Path file) {
        try {
            Path parent = file.getParent();
            if (parent != null && !Files.isDirectory(parent)) Files.createDirectories(parent);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
                restrictToOwner(file);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            checkWritable(file);
            return false;
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.IO, "cannot create session file " + file + ": " + e, e);
        }
    }

    /**
     * Refuses a session file that cannot be written, before SQLite opens it: SQLite would open it read-only without a
     * word and fail at the first lock with a bare SQLITE_IOERR_LOCK. A file whose owner may not write it counts as
     * read-only even for root: someone made it so on purpose.
     */
    private static void checkWritable(Path file) {
        Path path = file.toAbsolutePath();
        Path folder = path.getParent();
        String why = null;
        if (!writable(path)) why = "it is read-only (not writable by this user)";
        else if (folder != null && !writable(folder)) why = "its folder " + folder + " is read-only";
        if (why == null) return;
        throw new StoreException(
                StoreException.Kind.IO,
                "session file " + path + " cannot be opened: " + why
                        + "; the session is written as it runs (keys, update state), so make it writable (chmod u+w)");
    }

    private static boolean writable(Path p) {
        if (!Files.isWritable(p)) return false;
        try {
            return Files.getPosixFilePermissions(p).contains(PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return true; // no POSIX modes here: isWritable is all there is to know
        }
    }

    /** Non-POSIX file systems: an ACL granting only the owner, where ACLs exist; else nothing more can be done. */
    private static void restrictToOwner(Path file) throws IOException {
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) return;
        UserPrincipal owner = Files.getOwner(file);
        acl.setAcl(List.of(AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .build()));
    }

    /**
     * Refuses a file that is not a whole SQLite database: shorter than the header, without the SQLite magic, with an
     * impossible page size, or shorter than the page count its header records. An empty file is a new database. Only
     * reads.
     */
    static void checkHeader(Path file, String display) {
        long size;
        byte[] header = new byte[HEADER_SIZE];
        try {
            size = Files.size(file);
            if (size == 0) return;
            if (size < HEADER_SIZE) {
                throw corrupt(
                        display,
                        "it is " + size + " bytes long, shorter than a SQLite header (" + HEADER_SIZE + " bytes)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                if (in.readNBytes(header, 0, HEADER_SIZE) != HEADER_SIZE)
                    throw corrupt(display, "its header could not be read in full");
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.IO, "cannot read session file " + display + ": " + e, e);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (header[i] != MAGIC[i])
                throw corrupt(display, "it is not a SQLite database (bytes 0-15 are not \"SQLite format 3\")");
        }
        int rawPageSize = u16(header, 16);
        int pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw corrupt(display, "its header has an impossible page size " + rawPageSize + " at offset 16");
        }
        // The page count at offset 28 is only trusted when "version-valid-for" (92) equals the change
        // counter (24); a pending -wal or hot -journal may legitimately account for a mismatch, and
        // SQLite's own recovery then decides.
        long pageCount = u32(header, 28);
        boolean countValid = u32(header, 92) == u32(header, 24) && pageCount > 0;
        if (countValid && !hasPending(file, "-wal") && !hasPending(file, "-journal") && size < pageCount * pageSize) {
            throw corrupt(
                    display,
                    "it is truncated: its header records " + pageCount + " pages of " + pageSize + " bytes ("
                            + pageCount * pageSize + " bytes) but the file has " + size + " bytes");
        }
    }

    private static boolean hasPending(Path file, String suffix) {
        Path journal = file.resolveSibling(file.getFileName() + suffix);
        try {
            return Files.exists(journal) && Files.size(journal) > 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static StoreException corrupt(String display, String why) {
        return new StoreException(
                StoreException.Kind.CORRUPT,
                "session file " + display + " is corrupt: " + why
                        + "; it was left unchanged (move it away to start a new session)");
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    private static long u32(byte[] b, int off) {
        return (long) (b[off] & 0xff) << 24
                | (b[off + 1] & 0xff) << 16
                | (b[off + 2] & 0xff) << 8
                | (b[off + 3] & 0xff);
    }
}
