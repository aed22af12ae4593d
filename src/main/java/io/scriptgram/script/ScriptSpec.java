package io.scriptgram.script;

import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to load: a script's {@code name} (its logger, storage namespace and thread name), its {@code folder} (the only
 * files it may read: its own modules), the {@code entry} file inside it, the language, its settings ({@code config}
 * global), the logged-in user ({@code self} global; null: the host's) and the API methods it may call
 * ({@code permissions}; empty: all), and the hosts {@code fetch} may reach ({@code network}, {@link NetworkPolicy};
 * empty: none).
 */
public record ScriptSpec(
        String name,
        Path folder,
        Path entry,
        ScriptLanguage language,
        Map<String, ?> config,
        TlObject self,
        List<String> permissions,
        List<String> network) {
    public ScriptSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("script name is blank");
        folder = folder.toAbsolutePath().normalize();
        entry = folder.resolve(entry).normalize();
        if (!entry.startsWith(folder))
            throw new IllegalArgumentException(name + ": entry " + entry + " is outside its folder " + folder);
        Objects.requireNonNull(language, "language");
        config = config == null ? Map.of() : config;
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        network = network == null ? List.of() : List.copyOf(network);
    }

    /** With no network access. */
    public ScriptSpec(
            String name,
            Path folder,
            Path entry,
            ScriptLanguage language,
            Map<String, ?> config,
            TlObject self,
            List<String> permissions) {
        this(name, folder, entry, language, config, self, permissions, List.of());
    }

    /** With every API method allowed. */
    public ScriptSpec(
            String name, Path folder, Path entry, ScriptLanguage language, Map<String, ?> config, TlObject self) {
        this(name, folder, entry, language, config, self, List.of());
    }

    /**
     * Whether the script may call {@code method}: no permissions listed means all; otherwise {@code *}, a namespace
     * ({@code messages.*}) or the method itself must be listed; a method that can destroy or hand over the account
     * ({@link AccountMethods}) only by its own name.
     */
    public boolean permits(String method) {
        if (permissions.isEmpty()) return true;
        if (AccountMethods.destructive(method)) return permissions.contains(method); // never by a wildcard
        int dot = method.indexOf('.');
        String ns = dot < 0 ? "" : method.substring(0, dot) + ".*";
        for (String p : permissions) if (p.equals("*") || p.equals(method) || p.equals(ns)) return true;
        return false;
    }

    /** A single-file script: its folder is the file's directory, its name the file name without extension. */
    public static ScriptSpec ofFile(Path file, Map<String, ?> config, TlObject self) {
        Path abs = file.toAbsolutePath().normalize();
        String fileName = abs.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return new ScriptSpec(
                dot > 0 ? fileName.substring(0, dot) : fileName,
                abs.getParent(),
                abs,
                ScriptLanguage.of(abs),
                config,
                self);
    }
}
