package io.scriptgram.script;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;

/**
 * Parses a script's entry file without running it, in the same locked-down context a script gets: how {@code plugin
 * add/update} tries a new version before it replaces the installed one.
 */
public final class ScriptSyntax {
    private ScriptSyntax() {}

    /** Throws a ScriptException naming the file and line when the entry file does not parse. */
    public static void check(String name, Path folder, Path entry, boolean python) {
        ScriptSpec spec =
                new ScriptSpec(name, folder, entry, python ? ScriptLanguage.PYTHON : ScriptLanguage.JS, Map.of(), null);
        ScriptLog log = new ScriptLog(Logger.getLogger("script." + name), name, 10, null);
        try (Context ctx = ScriptContexts.build(spec, log)) {
            ctx.parse(ScriptContexts.entrySource(spec));
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) throw e;
            throw new ScriptException(
                    "syntax error at " + new GuestErrors(spec.folder()).location(e) + ": "
                            + GuestErrors.firstLine(e.getMessage()),
                    e);
        } catch (IOException e) {
            throw new ScriptException("cannot read " + entry + ": " + e.getMessage(), e);
        }
    }
}
