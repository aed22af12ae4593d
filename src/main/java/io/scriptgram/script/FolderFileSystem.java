package io.scriptgram.script;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only files a script may touch: its own folder, read-only (JS {@code import} between a plugin's
 * files, Python imports of its own modules). Every other path is refused with a SecurityException.
 */
final class FolderFileSystem implements FileSystem {
    private final Path root;
    private final Path languageHome;
    private final FileSystem delegate;

    /** {@code languageHome}: the interpreter's own library (GraalPy's standard library), also readable; may be null. */
    FolderFileSystem(Path root, Path languageHome) {
        this.root = root.toAbsolutePath().normalize();
        this.languageHome = languageHome == null ? null : languageHome.toAbsolutePath().normalize();
        // Read-only is enforced here (the JDK's read-only wrapper also refuses GraalPy's harmless open flags).
        this.delegate = FileSystem.newDefaultFileSystem();
        delegate.setCurrentWorkingDirectory(this.root);
    }

    private Path check(Path p) {
        Path abs = delegate.toAbsolutePath(p).normalize();
        if (!abs.startsWith(root) && (languageHome == null || !abs.startsWith(languageHome))) throw new SecurityException("scripts may only read their own folder " + root + "; refused: " + abs);
        return abs;
    }

    @Override
    public void setCurrentWorkingDirectory(Path dir) {
        delegate.setCurrentWorkingDirectory(check(dir));
    }

    @Override
    public Path parsePath(URI uri) {
        return delegate.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return delegate.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE)) throw new SecurityException("scripts may only read files: " + path);
        delegate.checkAccess(check(path), modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new SecurityException("scripts may not create directories: " + dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new SecurityException("scripts may not delete files: " + path);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        Set<OpenOption> readOnly = new java.util.HashSet<>();
        for (OpenOption o : options) {
            if (o == StandardOpenOption.WRITE || o == StandardOpenOption.APPEND || o == StandardOpenOption.CREATE || o == StandardOpenOption.CREATE_NEW
                    || o == StandardOpenOption.DELETE_ON_CLOSE || o == StandardOpenOption.TRUNCATE_EXISTING) {
                throw new SecurityException("scripts may only read files; refused " + o + " on " + path);
            }
            if (o == StandardOpenOption.READ || o instanceof LinkOption) readOnly.add(o);
        }
        return delegate.newByteChannel(check(path), readOnly, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        return delegate.newDirectoryStream(check(dir), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return delegate.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        Path real = delegate.toRealPath(check(path), linkOptions);
        return check(real);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return delegate.readAttributes(check(path), attributes, options);
    }
}
