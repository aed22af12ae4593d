package io.scriptgram.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** File work of installing plugins: copying and checking trees, their digest, removal, private files. */
final class PluginFiles {
    private PluginFiles() {}

    /**
     * The regular files under {@code dir} (relative, '/'-separated, sorted), after checking that there is no link or
     * special file and that the tree is within {@code limits}; {@code .git} is left out.
     */
    static List<String> checkTree(Path dir, SafeArchive.Limits limits) throws IOException {
        List<String> files = new ArrayList<>();
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                if (!d.equals(dir) && d.getFileName().toString().equals(".git")) return FileVisitResult.SKIP_SUBTREE;
                if (a.isSymbolicLink()) throw refused(dir, d, "is a symbolic link");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                if (a.isSymbolicLink()) throw refused(dir, f, "is a symbolic link; a plugin may not hold links");
                if (!a.isRegularFile()) throw refused(dir, f, "is not a regular file");
                files.add(relative(dir, f));
                total[0] += a.size();
                if (files.size() > limits.maxFiles())
                    throw new IOException("more than " + limits.maxFiles() + " files; a plugin may have at most that");
                if (total[0] > limits.maxBytes())
                    throw new IOException("more than " + limits.maxBytes() + " bytes; a plugin may have at most that");
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    private static IOException refused(Path root, Path p, String why) {
        return new IOException(relative(root, p) + " " + why + "; nothing was installed");
    }

    static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** Copies the checked tree {@code from} into the new folder {@code to} (without {@code .git}). */
    static void copyTree(Path from, Path to, SafeArchive.Limits limits) throws IOException {
        for (String f : checkTree(from, limits)) {
            Path target = to.resolve(f);
            Files.createDirectories(target.getParent());
            Files.copy(from.resolve(f), target, LinkOption.NOFOLLOW_LINKS);
        }
        Files.createDirectories(to);
    }

    /**
     * SHA-256 of an installed plugin's files, as plugins.lock records it: for each file in sorted order of its
     * '/'-separated relative path, the path's UTF-8 bytes, a zero byte, the length as 8 bytes big-endian, the contents.
     * Independent of where it came from, so a folder, a zip and a git checkout of the same files agree.
     */
    static String digest(Path dir) throws IOException {
        MessageDigest md = sha256();
        for (String f : checkTree(dir, new SafeArchive.Limits(Integer.MAX_VALUE, Long.MAX_VALUE))) {
            md.update(f.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(ByteBuffer.allocate(8).putLong(Files.size(dir.resolve(f))).array());
            try (InputStream in = Files.newInputStream(dir.resolve(f))) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of one file (a downloaded archive). */
    static String fileDigest(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a tree without following links (a link is removed, not what it points to); absent is fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p :
                    s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.delete(p);
        }
    }

    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /**
     * Replaces {@code file} with {@code bytes} through a new file created owner-only (0600) and an atomic move; the
     * same rule as the host's status file, kept here because the plugin layer may not reach the host's.
     */
    static void writePrivate(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        FileAttribute<?>[] attrs =
                file.getFileSystem().supportedFileAttributeViews().contains("posix")
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                        }
                        : new FileAttribute<?>[0];
        try (SeekableByteChannel out = Files.newByteChannel(tmp, CREATE_NEW, attrs)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) out.write(b);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
