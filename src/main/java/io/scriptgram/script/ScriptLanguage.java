package io.scriptgram.script;

import java.nio.file.Path;
import java.util.Locale;

/** The languages a script may be written in, with the GraalVM language id each runs on. */
public enum ScriptLanguage {
    JS("js"),
    PYTHON("python");

    final String graalId;

    ScriptLanguage(String graalId) {
        this.graalId = graalId;
    }

    /** By file extension: {@code .js}/{@code .mjs} → JS, {@code .py} → Python. */
    public static ScriptLanguage of(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".js") || n.endsWith(".mjs")) return JS;
        if (n.endsWith(".py")) return PYTHON;
        throw new IllegalArgumentException(file + ": not a script (expected .js, .mjs or .py)");
    }

    /** By name as written in a manifest: {@code js}, {@code javascript}, {@code python}, {@code py}. */
    public static ScriptLanguage named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "js", "javascript", "mjs" -> JS;
            case "python", "py" -> PYTHON;
            default ->
                throw new IllegalArgumentException("unknown script language '" + name + "' (expected js or python)");
        };
    }
}
