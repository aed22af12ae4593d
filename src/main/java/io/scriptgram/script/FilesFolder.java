package io.scriptgram.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A script's files folder ({@code scripts.files}/NAME): where {@code files.upload} reads and
 * {@code files.download} writes. Outside the watched script and plugin folders, so a download never
 * reloads a script. Paths are relative to it and may not leave it.
 */
final class FilesFolder {
    private final Path folder;

    FilesFolder(Path root, String script) {
        this.folder = root.resolve(script).toAbsolutePath().normalize();
    }

    Path folder() {
        return folder;
    }

    /** A file to read: it must exist in the folder. */
    Path existing(String relative, String what) {
        Path p = inside(relative, what);
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException(what + ": no file '" + relative + "' in " + folder);
        return p;
    }

    /** A file to write: its parent folders are made. */
    Path writable(String relative, String what) {
        Path p = inside(relative, what);
        try {
            Files.createDirectories(p.getParent());
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot make the folder for '" + relative + "': " + e.getMessage(), e);
        }
        return p;
    }

    private Path inside(String relative, String what) {
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + ": '" + relative + "' is not a valid path");
        }
        Path p = folder.resolve(rel).normalize();
        if (relative.isBlank() || rel.isAbsolute() || !p.startsWith(folder) || p.equals(folder)) {
            throw new IllegalArgumentException(what + ": '" + relative + "' must be a file path inside the script's files folder " + folder);
        }
        // A link placed in the folder must not lead out of it: the nearest part of the path that exists must
        // really be inside, and the file itself may not be a link.
        try {
            if (Files.isSymbolicLink(p)) throw new IllegalArgumentException(what + ": '" + relative + "' is a link; links are not followed");
            Path existing = p;
            while (existing != null && existing.startsWith(folder) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
            if (existing != null && existing.startsWith(folder) && !existing.toRealPath().startsWith(folder.toRealPath())) {
                throw new IllegalArgumentException(what + ": '" + relative + "' leads out of the script's files folder " + folder);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": '" + relative + "': " + e.getMessage(), e);
        }
        return p;
    }
}
