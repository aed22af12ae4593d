package io.scriptgram.script;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directory whose identity (file key: device and inode) was taken when it was first seen, and the files below it
 * opened without following any link on the way.
 *
 * <p>Why: checking a path's real location and then opening it by name is a race; another process may put a link in its
 * place in between. So every open starts from the directory's own handle (checked to be the same directory as at first
 * sight), and each further directory and the file itself is opened relative to its parent's handle with links refused
 * ({@code openat} with {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}). A name swapped for a link at any
 * step makes the open fail instead of leading elsewhere. Paths given here are real paths (links already resolved), so
 * links that stay inside the tree still work: they were resolved before the walk.
 *
 * <p>Where the platform has no SecureDirectoryStream, a file is opened by its real path with the last step not
 * following links, and the real path is checked again afterwards: a narrower window, not none.
 */
final class PinnedTree {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    final Path real;
    private final Object key;

    private PinnedTree(Path real, Object key) {
        this.real = real;
        this.key = key;
    }

    /** The directory {@code dir} as it is now (its real path and identity). */
    static PinnedTree of(Path dir) throws IOException {
        Path real = dir.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        if (!a.isDirectory()) throw new FileSystemException(real.toString(), null, "is not a directory");
        return new PinnedTree(real, a.fileKey());
    }

    boolean contains(Path realPath) {
        return realPath.startsWith(real);
    }

    /** {@code realPath} (inside this tree) opened for reading. */
    SeekableByteChannel read(Path realPath) throws IOException {
        Path rel = relative(realPath);
        if (isTop(rel)) throw new FileSystemException(realPath.toString(), null, "is a directory");
        try (SecureDirectoryStream<Path> parent = directory(rel.getParent())) {
            if (parent == null) return fallbackRead(realPath);
            return parent.newByteChannel(rel.getFileName(), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        } catch (FileSystemException e) {
            throw moved(realPath, e);
        } catch (IOException e) {
            throw new Moved(realPath, e.getMessage()); // the JDK's plain IOException for a last-step link (ELOOP)
        }
    }

    /** The identity of {@code realPath} (inside this tree), read without following a link at any step. */
    Object fileKey(Path realPath) throws IOException {
        BasicFileAttributes a = attributes(realPath);
        return a == null ? key : a.fileKey();
    }

    /**
     * The attributes of {@code realPath} (inside this tree; a link is described, not followed), read from its parent's
     * handle; for the tree itself, null once its identity is confirmed.
     */
    BasicFileAttributes attributes(Path realPath) throws IOException {
        Path rel = relative(realPath);
        try (SecureDirectoryStream<Path> parent = directory(isTop(rel) ? null : rel.getParent())) {
            if (isTop(rel)) return null;
            if (parent == null) return Files.readAttributes(realPath, BasicFileAttributes.class, NO_FOLLOW);
            return parent.getFileAttributeView(rel.getFileName(), BasicFileAttributeView.class, NO_FOLLOW)
                    .readAttributes();
        } catch (FileSystemException e) {
            throw moved(realPath, e);
        }
    }

    /** The names in directory {@code realPath} (inside this tree), listed from its own handle. */
    List<Path> list(Path realPath) throws IOException {
        Path rel = relative(realPath);
        List<Path> names = new ArrayList<>();
        try (SecureDirectoryStream<Path> dir = directory(isTop(rel) ? null : rel)) {
            if (dir == null) {
                try (DirectoryStream<Path> plain = Files.newDirectoryStream(realPath)) {
                    for (Path p : plain) names.add(p.getFileName());
                }
            } else {
                for (Path p : dir) names.add(p.getFileName());
            }
        } catch (FileSystemException e) {
            throw moved(realPath, e);
        }
        return names;
    }

    /**
     * Opens the directory {@code rel} below the tree (null: the tree itself) one step at a time with links refused;
     * null where the platform has no SecureDirectoryStream. The caller closes it.
     */
    SecureDirectoryStream<Path> directory(Path rel) throws IOException {
        DirectoryStream<Path> top = Files.newDirectoryStream(real);
        if (!(top instanceof SecureDirectoryStream<Path> dir)) {
            top.close();
            return null;
        }
        try {
            Object now = dir.getFileAttributeView(BasicFileAttributeView.class)
                    .readAttributes()
                    .fileKey();
            if (!key.equals(now)) throw new Moved(real, "is no longer the folder it was when first seen");
            if (rel != null) {
                for (Path name : rel) {
                    SecureDirectoryStream<Path> next = dir.newDirectoryStream(name, NO_FOLLOW);
                    dir.close();
                    dir = next;
                }
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static boolean isTop(Path rel) {
        return rel.toString().isEmpty();
    }

    private Path relative(Path realPath) throws AccessDeniedException {
        if (!realPath.startsWith(real)) throw new AccessDeniedException(realPath.toString(), null, "outside " + real);
        return real.relativize(realPath);
    }

    private SeekableByteChannel fallbackRead(Path realPath) throws IOException {
        SeekableByteChannel ch = Files.newByteChannel(realPath, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            if (!realPath.toRealPath().equals(realPath)) throw new Moved(realPath, "its real path changed");
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** A step that was a directory or file when the path was resolved is now a link, or not a directory. */
    private static IOException moved(Path realPath, FileSystemException e) {
        if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) return e;
        return new Moved(realPath, e.getReason());
    }

    /** Refused: a step of the path is a link (or other file) where a directory or file was. */
    static final class Moved extends AccessDeniedException {
        Moved(Path realPath, String reason) {
            super(
                    realPath.toString(),
                    null,
                    "changed while it was opened (a link or other file took its place: " + reason + ")");
        }
    }

    /**
     * True when attributes read by path (with {@code unix:dev} and {@code unix:ino}) describe the file whose key was
     * read through the pinned handles: the JDK's Unix file key prints as {@code (dev=HEX,ino=DEC)} and has no other
     * public accessor.
     */
    static boolean sameFile(Object key, Map<String, Object> unixAttributes) {
        Object dev = unixAttributes.get("dev"), ino = unixAttributes.get("ino");
        if (!(dev instanceof Long d) || !(ino instanceof Long i) || key == null) return false;
        return key.toString().equals("(dev=" + Long.toHexString(d) + ",ino=" + i + ")");
    }
}
