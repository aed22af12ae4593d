package io.scriptgram.script;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The Context a test file of {@code scriptgram test} runs in: on the shared Engine and locked down as a script's is
 * (only what the test runner exposes, reads inside the test's folder, no threads, processes, native code or
 * environment), its output to {@code out}/{@code err}. The runner owns it and uses it from one thread.
 */
public final class TestContexts {
    private TestContexts() {}

    public static Context build(ScriptLanguage lang, Path folder, Consumer<String> out, Consumer<String> err) {
        Context.Builder b = Context.newBuilder(lang.graalId)
                .engine(SharedEngine.get())
                .allowHostAccess(HostAccess.EXPLICIT)
                .allowHostClassLookup(c -> false)
                .allowIO(IOAccess.newBuilder()
                        .fileSystem(new FolderFileSystem(
                                folder, lang == ScriptLanguage.PYTHON ? Path.of(SharedEngine.pythonHome()) : null))
                        .build())
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .currentWorkingDirectory(folder)
                .in(InputStream.nullInputStream())
                .out(new LogStream(out::accept))
                .err(new LogStream(err::accept));
        if (lang == ScriptLanguage.JS) {
            b.option("js.unhandled-rejections", "none");
        } else {
            b.option("python.PythonPath", folder.toString())
                    .option("python.PythonHome", SharedEngine.pythonHome())
                    .option("python.DontWriteBytecodeFlag", "true")
                    .option("python.InstallSignalHandlers", "false")
                    .option("python.WarnExperimentalFeatures", "false");
        }
        return b.build();
    }

    /** The language's id for {@code Context.eval} and {@code getBindings}. */
    public static String id(ScriptLanguage lang) {
        return lang.graalId;
    }
}
