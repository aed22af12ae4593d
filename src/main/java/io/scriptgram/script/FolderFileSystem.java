package io.scriptgram.script;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
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
        this.delegate = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
        delegate.setCurrentWorkingDirectory(this.root);
    }

    private Path check(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (!abs.startsWith(root) && (languageHome == null || !abs.startsWith(languageHome))) throw new SecurityException("scripts may only read their own folder " + root + "; refused: " + abs);
        return abs;
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
        return delegate.newByteChannel(check(path), options, attrs);
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
