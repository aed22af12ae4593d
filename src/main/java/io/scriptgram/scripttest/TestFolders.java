package io.scriptgram.scripttest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Files a test names by path: only inside the test file's folder, judged by real path (links resolved). */
final class TestFolders {
    private TestFolders() {}

    /**
     * The real path of the regular file {@code path} names, relative to {@code folder}, of at most {@code maxBytes};
     * anything else (outside the folder, directly or through a link; missing; a folder; too big) is refused with an
     * error that starts with {@code where} and says which.
     */
    static Path fileInside(Path folder, String path, long maxBytes, String where) {
        if (path == null || path.isBlank()) throw new IllegalArgumentException(where + ": give a path to a file");
        Path root;
        Path real;
        try {
            root = folder.toRealPath();
            Path named = root.resolve(path).normalize();
            if (!Files.exists(named, LinkOption.NOFOLLOW_LINKS) && !Files.exists(named))
                throw new IllegalArgumentException(where + ": no such file in the test's folder " + root);
            real = named.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read it: " + e.getMessage());
        }
        if (!real.startsWith(root))
            throw new IllegalArgumentException(where + ": refused: it lies outside the test's folder " + root
                    + " (a test may send only files inside its own folder)");
        if (!Files.isRegularFile(real)) throw new IllegalArgumentException(where + ": not a file");
        try {
            if (Files.size(real) > maxBytes)
                throw new IllegalArgumentException(where + ": at most " + maxBytes / (1024 * 1024)
                        + " MiB in a test, got " + Files.size(real) + " bytes");
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot read it: " + e.getMessage());
        }
        return real;
    }
}
