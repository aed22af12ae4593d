package io.scriptgram.script;

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
     * it is asked once from a context without file access and passed as PythonHome.
     */
    static String pythonHome() {
        String h = pythonHome;
        if (h == null) {
            synchronized (SharedEngine.class) {
                h = pythonHome;
                if (h == null) {
                    try (Context probe = Context.newBuilder("python")
                            .engine(get())
                            .allowIO(IOAccess.NONE)
                            .build()) {
                        h = probe.eval("python", "import sys\nsys.prefix").asString();
                    }
                    pythonHome = h;
                }
            }
        }
        return h;
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
