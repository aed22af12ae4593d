package io.scriptgram.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only files a script may touch: its own folder, read-only (JS {@code import} between a plugin's files, Python
 * {@code open} and imports of its own modules), and the interpreter's own library.
 *
 * <p>Every open, stat, listing and real path is judged by the REAL path of what it reaches: links are resolved first,
 * and a path whose real location is outside the folder (a shipped link to the session file, {@code config.yml},
 * {@code /etc/passwd}) is refused. Links that stay inside keep working. The folder's files are then opened, or stat'ed,
 * through {@link PinnedTree}, which follows no link at any step, so a link another process puts in place after the
 * check makes the open fail instead of leading out. (The language home is the host's own and is judged by real path
 * alone.) A stat by path is accepted only when it describes the same file (device and inode) as the pinned one.
 * {@code checkAccess} answers for the pinned file's permission bits by path: a race there can only change a yes/no
 * about a file's mode, never show what it holds.
 *
 * <p>Refusals are {@link AccessDeniedException}s: the languages turn them into ordinary errors (Python
 * {@code PermissionError}, a JS {@code Error}) that a script can catch.
 */
final class FolderFileSystem implements FileSystem {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final Set<OpenOption> READ_ONLY = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<String> UNIX_VIEWS = Set.of("basic", "posix", "unix");
    private static final Set<OpenOption> WRITING = Set.of(
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND,
            StandardOpenOption.CREATE,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.DELETE_ON_CLOSE,
            StandardOpenOption.TRUNCATE_EXISTING);

    private final Path root;
    private final PinnedTree folder;
    /**
     * The interpreter's own library, as given and real; null if none. The host's files: whoever can write there already
     * runs code in every script, so it is judged by real path only, without pinned opens (which keeps Python's many
     * import probes cheap).
     */
    private final Path home, homeReal;

    private final FileSystem delegate;

    /** {@code languageHome}: the interpreter's own library (GraalPy's standard library), also readable; may be null. */
    FolderFileSystem(Path root, Path languageHome) {
        this.root = root.toAbsolutePath().normalize();
        this.home = languageHome == null ? null : languageHome.toAbsolutePath().normalize();
        try {
            this.folder = PinnedTree.of(this.root);
            this.homeReal = home == null ? null : home.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the script's folder " + root + ": " + e.getMessage(), e);
        }
        this.delegate = FileSystem.newDefaultFileSystem();
        delegate.setCurrentWorkingDirectory(this.root);
    }

    private boolean inHome(Path p) {
        return home != null && (p.startsWith(home) || p.startsWith(homeReal));
    }

    private AccessDeniedException refused(Path asked, String why) {
        return new AccessDeniedException(String.valueOf(asked), null, why);
    }

    private AccessDeniedException outside(Path asked) {
        return refused(asked, "scripts may only read their own folder " + root);
    }

    /**
     * The real path of {@code p} ({@code follow}: with a last-step link resolved too), refused unless both the path as
     * written and the real path are inside a readable tree.
     */
    private Path real(Path p, boolean follow) throws IOException {
        Path abs = delegate.toAbsolutePath(p);
        Path normal = abs.normalize();
        boolean inside = normal.startsWith(root) || normal.startsWith(folder.real) || inHome(normal);
        if (!inside) throw outside(p); // nothing about a path outside, not even whether it exists
        Path real = follow || normal.getParent() == null
                ? abs.toRealPath()
                : normal.getParent().toRealPath().resolve(normal.getFileName());
        pinned(p, real);
        return real;
    }

    /** The script's folder when {@code real} is in it, null when it is in the language home; refused elsewhere. */
    private PinnedTree pinned(Path asked, Path real) throws AccessDeniedException {
        if (folder.contains(real)) return folder;
        if (homeReal != null && real.startsWith(homeReal)) return null;
        throw refused(asked, "leads out of the script's folder " + root + " (to " + real + ")");
    }

    private static boolean follows(LinkOption... options) {
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) return false;
        }
        return true;
    }

    @Override
    public void setCurrentWorkingDirectory(Path dir) {
        Path normal = delegate.toAbsolutePath(dir).normalize();
        if (!normal.startsWith(root) && !inHome(normal)) {
            throw new SecurityException("scripts may only work in their own folder " + root + "; refused: " + normal);
        }
        delegate.setCurrentWorkingDirectory(normal);
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
        if (modes.contains(AccessMode.WRITE)) throw refused(path, "scripts may only read files");
        Path real = real(path, follows(linkOptions));
        PinnedTree tree = pinned(path, real);
        if (tree != null) tree.fileKey(real); // it exists, reached without a link
        delegate.checkAccess(real, modes);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw refused(dir, "scripts may not create directories");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw refused(path, "scripts may not delete files");
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        throw refused(link, "scripts may not create links");
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) throws IOException {
        throw refused(link, "scripts may not create links");
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        throw refused(link, "scripts may not read links");
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        throw refused(path, "scripts may only read files");
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        throw refused(target, "scripts may only read files");
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        throw refused(source, "scripts may only read files");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        boolean follow = true;
        for (OpenOption o : options) {
            if (WRITING.contains(o)) {
                throw refused(path, "scripts may only read files; refused " + o);
            }
            if (o == LinkOption.NOFOLLOW_LINKS) follow = false;
        }
        Path real = real(path, follow);
        PinnedTree tree = pinned(path, real);
        return tree != null ? tree.read(real) : delegate.newByteChannel(real, READ_ONLY);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        Path real = real(dir, true);
        List<Path> entries = new ArrayList<>();
        PinnedTree tree = pinned(dir, real);
        for (Path name : tree != null ? tree.list(real) : homeList(real)) {
            Path entry = dir.resolve(name);
            if (filter.accept(entry)) entries.add(entry);
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {}
        };
    }

    private List<Path> homeList(Path real) throws IOException {
        List<Path> names = new ArrayList<>();
        try (DirectoryStream<Path> s = delegate.newDirectoryStream(real, p -> true)) {
            for (Path p : s) names.add(p.getFileName());
        }
        return names;
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return delegate.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return real(path, follows(linkOptions));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        Path real = real(path, follows(options));
        PinnedTree tree = pinned(path, real);
        if (tree == null) return delegate.readAttributes(real, attributes, NO_FOLLOW);
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
        String names = colon < 0 ? attributes : attributes.substring(colon + 1);
        if (!UNIX_VIEWS.contains(view)) throw refused(path, "attribute view '" + view + "' is not open to scripts");
        Object key = tree.fileKey(real);
        // One read by path that also carries the file's identity; it must be the file reached without links.
        String unix = "unix:" + (names.equals("*") ? "*" : names + ",dev,ino");
        Map<String, Object> read = delegate.readAttributes(real, unix, NO_FOLLOW);
        if (!PinnedTree.sameFile(key, read)) throw refused(path, "changed while it was read (another file is there)");
        if (names.equals("*")) return read;
        Map<String, Object> asked = new LinkedHashMap<>();
        for (String n : names.split(",")) {
            if (read.containsKey(n)) asked.put(n, read.get(n));
        }
        return asked;
    }
}
