package io.scriptgram.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A script's files folder ({@code scripts.files}/NAME): where {@code files.upload} reads and {@code files.download}
 * writes. Outside the watched script and plugin folders, so a download never reloads a script. Paths are relative to it
 * and may not leave it, and no link is followed in it.
 *
 * <p>Checking a path and then opening it by name would let another process swap in a link between the two, so the file
 * is opened through {@link PinnedTree}, one directory handle at a time with links refused. A download is written in the
 * host's own staging folder ({@code scripts.files/.downloading}, which no script name can reach) and then renamed into
 * place from those handles: the rename replaces whatever has the name, a link included, and never writes through it.
 * The one race left is in making missing parent folders by path: it could at worst leave an empty folder elsewhere,
 * never a file.
 */
final class FilesFolder {
    /** Under the files root; starts with a dot, which no plugin or script name does. */
    static final String STAGING = ".downloading";

    private final Path root;
    private final String script;
    private final Path folder;

    /** An upload's source, opened: the caller closes the stream. */
    record Upload(InputStream in, long size, String name) {}

    FilesFolder(Path root, String script) {
        if (script.startsWith(".")) {
            throw new IllegalArgumentException("a script name may not start with '.': " + script);
        }
        this.root = root.toAbsolutePath().normalize();
        this.script = script;
        this.folder = this.root.resolve(script);
    }

    Path folder() {
        return folder;
    }

    /** Opens a file to upload: it must be a regular file in the folder, reached without a link. */
    Upload open(String relative, String what) {
        Path rel = inside(relative, what);
        try {
            PinnedTree tree = PinnedTree.of(root);
            Path real = tree.real.resolve(script).resolve(rel);
            BasicFileAttributes a = tree.attributes(real);
            if (a.isSymbolicLink()) throw linked(relative, what);
            if (!a.isRegularFile()) throw noFile(relative, what);
            SeekableByteChannel ch = tree.read(real);
            return new Upload(
                    Channels.newInputStream(ch), ch.size(), rel.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw noFile(relative, what);
        } catch (PinnedTree.Moved e) {
            throw linked(relative, what);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read '" + relative + "': " + e.getMessage(), e);
        }
    }

    /**
     * Where to download {@code relative} before {@link #place} moves it in: a file in the host's staging folder named
     * by the relative path, so an interrupted download resumes from its partial file.
     */
    Path staging(String relative, String what) {
        Path rel = inside(relative, what);
        Path dir = root.resolve(STAGING).resolve(script);
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            if (!dir.toRealPath().equals(root.toRealPath().resolve(STAGING).resolve(script))) {
                throw new IllegalArgumentException(what + ": the staging folder " + dir + " is a link; remove it");
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder keeps its default permissions
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    what + ": cannot make the staging folder " + dir + ": " + e.getMessage(), e);
        }
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256").digest(rel.toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(h, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the finished download {@code staged} (from {@link #staging}) to {@code relative}, making its folders. */
    void place(Path staged, String relative, String what) {
        Path rel = inside(relative, what);
        Path inFolder = Path.of(script).resolve(rel);
        try {
            PinnedTree tree = PinnedTree.of(root);
            for (int i = 1; i < inFolder.getNameCount(); i++) makeFolder(tree, inFolder.subpath(0, i));
            try (SecureDirectoryStream<Path> parent = tree.directory(inFolder.getParent());
                    SecureDirectoryStream<Path> from = tree.directory(Path.of(STAGING, script))) {
                if (parent == null || from == null) {
                    Path target = tree.real.resolve(inFolder);
                    if (!target.getParent().toRealPath().equals(target.getParent())) throw linked(relative, what);
                    Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return;
                }
                BasicFileAttributes there = existing(tree, tree.real.resolve(inFolder));
                if (there != null && there.isSymbolicLink()) throw linked(relative, what);
                if (there != null && there.isDirectory()) {
                    throw new IllegalArgumentException(what + ": '" + relative + "' is a folder");
                }
                from.move(staged.getFileName(), parent, rel.getFileName());
            }
        } catch (PinnedTree.Moved e) {
            throw linked(relative, what);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot write '" + relative + "': " + e.getMessage(), e);
        }
    }

    /** Makes folder {@code inRoot} (below the root) unless it is there, reached without links. */
    private static void makeFolder(PinnedTree tree, Path inRoot) throws IOException {
        BasicFileAttributes a = existing(tree, tree.real.resolve(inRoot));
        if (a == null) {
            Files.createDirectory(tree.real.resolve(inRoot));
        } else if (!a.isDirectory()) {
            throw new PinnedTree.Moved(inRoot, a.isSymbolicLink() ? "a link" : "not a folder");
        }
    }

    private static BasicFileAttributes existing(PinnedTree tree, Path real) throws IOException {
        try {
            return tree.attributes(real);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private IllegalArgumentException linked(String relative, String what) {
        return new IllegalArgumentException(
                what + ": '" + relative + "' is or goes through a link; links are not followed in " + folder);
    }

    private IllegalArgumentException noFile(String relative, String what) {
        return new IllegalArgumentException(what + ": no file '" + relative + "' in " + folder);
    }

    /** {@code relative}, normalized, below the folder as written (links are judged when opened). */
    private Path inside(String relative, String what) {
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + ": '" + relative + "' is not a valid path");
        }
        Path p = folder.resolve(rel).normalize();
        if (relative.isBlank() || rel.isAbsolute() || !p.startsWith(folder) || p.equals(folder)) {
            throw new IllegalArgumentException(
                    what + ": '" + relative + "' must be a file path inside the script's files folder " + folder);
        }
        return folder.relativize(p);
    }
}
