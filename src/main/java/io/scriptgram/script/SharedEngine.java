package io.scriptgram.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Logger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The process's one polyglot Engine: code caches and compiled code are shared between every script's Context, so a new
 * JS context costs milliseconds instead of hundreds (DESIGN.md).
 */
final class SharedEngine {
    private static volatile Engine engine;

    private SharedEngine() {}

    private static volatile String pythonHome;

    /**
     * Where GraalPy unpacked its standard library. A context with a custom file system does not find it by itself, so
     * it is asked once from a context without file access and passed as PythonHome. Asking costs a whole Python start
     * (seconds), so the answer is kept in the user's cache folder per GraalVM version and used while that folder
     * exists.
     */
    static String pythonHome() {
        String h = pythonHome;
        if (h == null) {
            synchronized (SharedEngine.class) {
                h = pythonHome;
                if (h == null) {
                    Path remembered = homeFile();
                    h = readHome(remembered);
                    if (h == null) {
                        try (Context probe = Context.newBuilder("python")
                                .engine(get())
                                .allowIO(IOAccess.NONE)
                                .build()) {
                            h = probe.eval("python", "import sys\nsys.prefix").asString();
                        }
                        writeHome(remembered, h);
                    }
                    pythonHome = h;
                }
            }
        }
        return h;
    }

    /**
     * {@code $XDG_CACHE_HOME/scriptgram/graalpy-home-KEY} (else under ~/.cache). The engine reports no release number
     * ("Development Build"), so KEY is taken from the class path: other GraalPy jars, another answer.
     */
    private static Path homeFile() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        String key;
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(System.getProperty("java.class.path", "").getBytes(StandardCharsets.UTF_8));
            key = HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
        return cache.resolve("scriptgram").resolve("graalpy-home-" + key);
    }

    /** The remembered home if it still holds GraalPy's library (a cleaned cache is asked again); else null. */
    private static String readHome(Path file) {
        try {
            String h = Files.readString(file).strip();
            Path home = Path.of(h);
            return home.isAbsolute() && Files.isDirectory(home.resolve("lib")) ? h : null;
        } catch (IOException | RuntimeException e) {
            return null; // not remembered yet, or unreadable: ask
        }
    }

    private static void writeHome(Path file, String home) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "graalpy-home", ".tmp");
            Files.writeString(tmp, home + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Logger.getLogger("scriptgram.engine").fine("cannot remember GraalPy's home in " + file + ": " + e);
        }
    }

    static Engine get() {
        Engine e = engine;
        if (e == null) {
            synchronized (SharedEngine.class) {
                e = engine;
                if (e == null) {
                    e = Engine.newBuilder("js", "python")
                            .option("engine.WarnInterpreterOnly", "false")
                            .out(new LogStream(line ->
                                    Logger.getLogger("scriptgram.engine").info(line)))
                            .err(new LogStream(line ->
                                    Logger.getLogger("scriptgram.engine").warning(line)))
                            .build();
                    engine = e;
                }
            }
        }
        return e;
    }
}
