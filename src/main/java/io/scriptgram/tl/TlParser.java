package io.scriptgram.tl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads standard {@code .tl} schema text into raw declarations: one combinator per {@code ;} (usually one per line),
 * {@code ---functions---}/{@code ---types---} sections, {@code //} comments, {@code {X:Type}} generics and the
 * {@code // LAYER N} marker. Types are resolved later by {@link TlSchemaBuilder}, once every declaration is known.
 */
final class TlParser {
    record RawParam(String name, String type) {}

    record RawDecl(
            String name,
            int id,
            boolean hasId,
            Set<String> generics,
            List<RawParam> params,
            String type,
            boolean function,
            String source,
            int line) {}

    private static final Pattern LAYER = Pattern.compile("//\\s*LAYER\\s+(\\d+)");
    private static final Pattern HEAD = Pattern.compile("([A-Za-z_][\\w.]*)(?:#([0-9a-fA-F]{1,8}))?");
    private static final Pattern GENERIC = Pattern.compile("\\{(\\w+):(\\w+)}");

    final List<RawDecl> decls = new ArrayList<>();
    int layer;

    void parse(String text, String source) {
        boolean functions = false;
        StringBuilder pending = new StringBuilder();
        int pendingLine = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            Matcher lm = LAYER.matcher(line);
            if (lm.find()) layer = Math.max(layer, Integer.parseInt(lm.group(1)));
            int c = line.indexOf("//");
            if (c >= 0) line = line.substring(0, c);
            String t = line.trim();
            if (t.isEmpty()) continue;
            if (t.equals("---functions---")) {
                functions = true;
                continue;
            }
            if (t.equals("---types---")) {
                functions = false;
                continue;
            }
            if (pending.isEmpty()) pendingLine = n + 1;
            pending.append(' ').append(t);
            int semi;
            while ((semi = pending.indexOf(";")) >= 0) {
                String decl = pending.substring(0, semi).trim();
                pending.delete(0, semi + 1);
                if (!decl.isEmpty()) declaration(decl, functions, source, pendingLine);
                pendingLine = n + 1;
            }
        }
        if (!pending.toString().isBlank()) {
            throw new TlException(source + ":" + pendingLine + ": declaration without a closing ';': "
                    + pending.toString().trim());
        }
    }

    private void declaration(String decl, boolean function, String source, int line) {
        int eq = decl.lastIndexOf('=');
        if (eq < 0) throw new TlException(source + ":" + line + ": no '= Type' in: " + decl);
        String left = decl.substring(0, eq).trim();
        String type = decl.substring(eq + 1).trim();
        // Built-in primitives and the vector combinator are part of the engine, not data.
        if (left.endsWith("?") || type.startsWith("Vector ") || type.equals("Vector t")) return;
        String[] parts = left.split("\\s+");
        Matcher hm = HEAD.matcher(parts[0]);
        if (!hm.matches()) throw new TlException(source + ":" + line + ": bad combinator name '" + parts[0] + "'");
        String name = hm.group(1);
        boolean hasId = hm.group(2) != null;
        int id = hasId ? (int) Long.parseLong(hm.group(2), 16) : 0;
        Set<String> generics = new HashSet<>();
        List<RawParam> params = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            Matcher gm = GENERIC.matcher(p);
            if (gm.matches()) {
                generics.add(gm.group(1));
                continue;
            }
            if (p.equals("#") || p.startsWith("[")) return; // only the vector builtin has these
            int colon = p.indexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw new TlException(source + ":" + line + ": bad field '" + p + "' in " + name);
            }
            params.add(new RawParam(p.substring(0, colon), p.substring(colon + 1)));
        }
        if (type.isEmpty()) throw new TlException(source + ":" + line + ": empty result type in " + name);
        decls.add(new RawDecl(name, id, hasId, generics, params, type, function, source, line));
    }
}
