package io.scriptgram.console;

import io.scriptgram.client.NeutralParams;
import io.scriptgram.tl.MethodInfo;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import io.scriptgram.tl.TlTypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts of the API reference, computed from the loaded schema and its error list only: what {@code describe}
 * prints, the console's reference pages show and {@code docs} writes. One instance per schema.
 */
public final class ApiReference {
    /** One parameter row: name, type, and "required", "optional (flags.3)" or "optional (default 0)". */
    public record Param(String name, String type, String presence, boolean required) {}

    private final TlSchema schema;
    private final Map<String, List<String>> returnedBy = new HashMap<>();

    public ApiReference(TlSchema schema) {
        this.schema = schema;
        for (TlConstructor f : schema.functions()) {
            String t = f.typeName();
            if (t.startsWith("Vector<") && t.endsWith(">")) t = t.substring(7, t.length() - 1);
            returnedBy.computeIfAbsent(t, k -> new ArrayList<>()).add(f.name());
        }
    }

    public TlSchema schema() {
        return schema;
    }

    /** Shown parameters (the flags words themselves are not: the client sets them). */
    public List<Param> params(TlConstructor c) {
        List<Param> out = new ArrayList<>();
        for (TlParam p : c.params()) {
            if (p.type.kind == TlType.FLAGS) continue;
            String presence = p.optional()
                    ? "optional (" + p.flagName + "." + p.flagBit + ")"
                    : NeutralParams.isNeutral(p) ? "optional (default " + neutralText(p) + ")" : "required";
            out.add(new Param(p.name, p.type.text, presence, presence.equals("required")));
        }
        return out;
    }

    /** "yes", "no (users only)", "yes (bots only)" or "unknown". */
    public String botsMayCall(String method) {
        MethodInfo info = schema.methodInfo(method);
        if (info == null) return "unknown";
        return switch (info.callers()) {
            case USER -> "no (users only)";
            case BOT -> "yes (bots only)";
            case BOTH -> "yes";
        };
    }

    /** "yes", "no (bots only)" or "unknown". */
    public String usersMayCall(String method) {
        MethodInfo info = schema.methodInfo(method);
        if (info == null) return "unknown";
        return info.usersMayCall() ? "yes" : "no (bots only)";
    }

    /** The RPC errors the error list says {@code method} can answer, in its order. */
    public List<MethodInfo.RpcErrorInfo> errors(String method) {
        MethodInfo info = schema.methodInfo(method);
        return info == null ? List.of() : info.errors();
    }

    /** The constructors of the type {@code typeName} names (of its element type for a Vector), or none. */
    public List<TlConstructor> constructorsOf(String typeName) {
        TlTypeInfo t = schema.type(elementType(typeName));
        return t == null ? List.of() : t.constructors();
    }

    /** The methods that return {@code typeName} (or a Vector of it). */
    public List<String> returnedBy(String typeName) {
        return returnedBy.getOrDefault(typeName, List.of());
    }

    /** {@code Vector<User>} → {@code User}; anything else as it is. */
    public static String elementType(String typeName) {
        return typeName.startsWith("Vector<") && typeName.endsWith(">")
                ? typeName.substring(7, typeName.length() - 1)
                : typeName;
    }

    /** {@code await contacts.getTopPeers({offset: 0, limit: 0, hash: 0})}: the required parameters. */
    public String jsExample(TlConstructor m) {
        return "await " + m.name() + "({" + args(m, ": ", false) + "})";
    }

    public String pythonExample(TlConstructor m) {
        return m.name() + "(" + args(m, "=", true) + ")";
    }

    public String cliExample(TlConstructor m) {
        List<String> parts = new ArrayList<>();
        for (TlParam p : required(m)) parts.add("\"" + p.name + "\":" + placeholder(p.type, false));
        return "scriptgram call " + m.name() + " '{" + String.join(",", parts) + "}'";
    }

    /** Names in the schema containing {@code query} (any case), methods first, at most {@code limit}. */
    public List<TlConstructor> search(String query, int limit) {
        String q = query.toLowerCase(Locale.ROOT).trim();
        List<TlConstructor> hits = new ArrayList<>();
        if (q.isEmpty()) return hits;
        for (TlConstructor c : schema.functions())
            if (c.name().toLowerCase(Locale.ROOT).contains(q) && hits.size() < limit) hits.add(c);
        for (TlConstructor c : schema.constructors())
            if (c.name().toLowerCase(Locale.ROOT).contains(q) && hits.size() < limit) hits.add(c);
        return hits;
    }

    /** Type names containing {@code query} (any case), sorted. */
    public List<String> searchTypes(String query, int limit) {
        String q = query.toLowerCase(Locale.ROOT).trim();
        List<String> out = new ArrayList<>();
        for (String t : typeNames())
            if (!q.isEmpty() && t.toLowerCase(Locale.ROOT).contains(q) && out.size() < limit) out.add(t);
        return out;
    }

    /** Every boxed type name of the schema, sorted. */
    public List<String> typeNames() {
        List<String> out = new ArrayList<>();
        for (TlConstructor c : schema.constructors()) {
            String t = c.typeName();
            if (schema.type(t) != null && !out.contains(t)) out.add(t);
        }
        out.sort(null);
        return out;
    }

    private static List<TlParam> required(TlConstructor m) {
        List<TlParam> out = new ArrayList<>();
        for (TlParam p : m.params())
            if (p.type.kind != TlType.FLAGS && !p.optional() && !NeutralParams.isNeutral(p)) out.add(p);
        return out;
    }

    private static String args(TlConstructor m, String sep, boolean python) {
        List<String> parts = new ArrayList<>();
        for (TlParam p : required(m)) parts.add(p.name + sep + placeholder(p.type, python));
        return String.join(", ", parts);
    }

    /** The neutral value a left-out parameter takes (NeutralParams), as a script would write it. */
    private static String neutralText(TlParam p) {
        return switch (p.type.kind) {
            case TlType.INT, TlType.LONG -> "0";
            case TlType.STRING -> "\"\"";
            default -> p.type.text.equals("MessagesFilter") ? "inputMessagesFilterEmpty" : "inputPeerEmpty";
        };
    }

    private static String placeholder(TlType t, boolean python) {
        return switch (t.kind) {
            case TlType.INT, TlType.LONG, TlType.DOUBLE -> "0";
            case TlType.STRING -> "\"\"";
            case TlType.BOOL, TlType.TRUE -> python ? "True" : "true";
            case TlType.VECTOR -> "[]";
            case TlType.BYTES -> "\"\"";
            default ->
                t.text.startsWith("Input")
                                && (t.text.endsWith("Peer") || t.text.endsWith("User") || t.text.endsWith("Channel"))
                        ? "\"@username\""
                        : python ? "{\"_\": \"…\"}" : "{_: \"…\"}";
        };
    }
}
