package io.scriptgram.script;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.graalvm.polyglot.Context;

/**
 * The Context a test file of {@code scriptgram test} runs in: on the shared Engine and locked down as a script's is
 * (only what the test runner exposes, reads inside the test's folder, no threads, processes, native code or
 * environment), its output to {@code out}/{@code err}. The runner owns it and uses it from one thread.
 */
public final class TestContexts {
    private TestContexts() {}

    public static Context build(ScriptLanguage lang, Path folder, Consumer<String> out, Consumer<String> err) {
        return ScriptContexts.lockedDown(lang, folder, new LogStream(out::accept), new LogStream(err::accept), "none");
    }

    /** The language's id for {@code Context.eval} and {@code getBindings}. */
    public static String id(ScriptLanguage lang) {
        return lang.graalId;
    }
}
