package io.scriptgram.cli;

import io.scriptgram.client.NeutralParams;
import io.scriptgram.host.UserError;
import io.scriptgram.tl.MethodInfo;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import io.scriptgram.tl.TlTypeInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code describe NAME}: a documentation page for a method, constructor or type. */
@Command(name = "describe", description = "Describes a method, constructor or type: parameters, result, errors, usage.")
public final class DescribeCommand implements Runnable {
    @Mixin
    SchemaOption schema;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "e.g. contacts.getTopPeers, inputPeerUser, InputPeer")
    String name;

    @Override
    public void run() {
        TlSchema s = schema.load(config.loadIfPresent());
        PrintWriter out = spec.commandLine().getOut();
        TlConstructor c = s.byName(name);
        if (c != null) {
            if (c.isFunction()) method(out, s, c);
            else constructor(out, s, c);
            return;
        }
        TlTypeInfo t = s.type(name);
        if (t != null) {
            type(out, s, t);
            return;
        }
        throw new UserError(
                "'" + name + "' is not a method, constructor or type of layer " + s.layer() + suggestions(s));
    }

    private void method(PrintWriter out, TlSchema s, TlConstructor m) {
        out.printf("%s  #%s  method, layer %d%n%n", m.name(), m.idHex(), s.layer());
        out.printf("Returns     %s%s%n", m.typeName(), constructorsOf(s, m.typeName()));
        MethodInfo info = s.methodInfo(m.name());
        String bots = info == null
                ? "unknown"
                : switch (info.callers()) {
                    case USER -> "no (users only)";
                    case BOT -> "yes (bots only)";
                    case BOTH -> "yes";
                };
        out.printf("Bots        %s%n%n", bots);
        params(out, m, "Parameters");
        out.println("Errors");
        if (info == null || info.errors().isEmpty()) out.println("  none documented");
        else for (MethodInfo.RpcErrorInfo e : info.errors()) out.printf("  %d %s%n", e.code(), e.type());
        out.println();
        out.println("Usage");
        out.printf("  JS      await %s({%s})%n", m.name(), args(m, ": ", false));
        out.printf("  Python  %s(%s)%n", m.name(), args(m, "=", true));
        out.printf("  CLI     scriptgram call %s '{%s}'%n", m.name(), json(m));
    }

    private void constructor(PrintWriter out, TlSchema s, TlConstructor c) {
        out.printf("%s  #%s  constructor of %s, layer %d%n%n", c.name(), c.idHex(), c.typeName(), s.layer());
        params(out, c, "Fields");
        out.println("Schema");
        out.println("  " + c.declaration());
    }

    private void type(PrintWriter out, TlSchema s, TlTypeInfo t) {
        out.printf("%s  type, layer %d%n%nConstructors%n", t.name(), s.layer());
        for (TlConstructor c : t.constructors()) out.printf("  %-40s #%s%n", c.name(), c.idHex());
        List<String> returning = new ArrayList<>();
        for (TlConstructor f : s.functions())
            if (f.typeName().equals(t.name()) || f.typeName().equals("Vector<" + t.name() + ">"))
                returning.add(f.name());
        out.println();
        out.println("Returned by");
        if (returning.isEmpty()) out.println("  no method");
        for (String r : returning) out.println("  " + r);
    }

    private static void params(PrintWriter out, TlConstructor c, String title) {
        out.println(title);
        List<TlParam> shown =
                c.params().stream().filter(p -> p.type.kind != TlType.FLAGS).toList();
        if (shown.isEmpty()) {
            out.println("  none");
            out.println();
            return;
        }
        int nw = Math.max(4, shown.stream().mapToInt(p -> p.name.length()).max().orElse(0));
        int tw = Math.max(
                4, shown.stream().mapToInt(p -> p.type.text.length()).max().orElse(0));
        out.printf("  %-" + nw + "s  %-" + tw + "s  %s%n", "name", "type", "presence");
        for (TlParam p : shown) {
            String presence = p.optional()
                    ? "optional (" + p.flagName + "." + p.flagBit + ")"
                    : NeutralParams.isNeutral(p) ? "optional (default " + neutralText(p) + ")" : "required";
            out.printf("  %-" + nw + "s  %-" + tw + "s  %s%n", p.name, p.type.text, presence);
        }
        out.println();
    }

    /** The neutral value a left-out parameter takes (NeutralParams), as a script would write it. */
    private static String neutralText(TlParam p) {
        return switch (p.type.kind) {
            case TlType.INT, TlType.LONG -> "0";
            case TlType.STRING -> "\"\"";
            default -> p.type.text.equals("MessagesFilter") ? "inputMessagesFilterEmpty" : "inputPeerEmpty";
        };
    }

    private static String constructorsOf(TlSchema s, String typeName) {
        TlTypeInfo t = s.type(typeName);
        if (t == null) return "";
        List<String> names = t.constructors().stream().map(TlConstructor::name).toList();
        return "  (" + String.join(" | ", names) + ")";
    }

    /** Required parameters with placeholder values, as a script would write them. */
    private static String args(TlConstructor m, String sep, boolean python) {
        List<String> parts = new ArrayList<>();
        for (TlParam p : m.params()) {
            if (p.type.kind == TlType.FLAGS || p.optional() || NeutralParams.isNeutral(p)) continue;
            parts.add(p.name + sep + placeholder(p.type, python));
        }
        return String.join(", ", parts);
    }

    private static String json(TlConstructor m) {
        List<String> parts = new ArrayList<>();
        for (TlParam p : m.params()) {
            if (p.type.kind == TlType.FLAGS || p.optional() || NeutralParams.isNeutral(p)) continue;
            parts.add("\"" + p.name + "\":" + placeholder(p.type, false));
        }
        return String.join(",", parts);
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

    private String suggestions(TlSchema s) {
        String q = name.toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>();
        for (TlConstructor c : s.all())
            if (c.name().toLowerCase(Locale.ROOT).contains(q) && hits.size() < 8) hits.add(c.name());
        return hits.isEmpty() ? "" : "; did you mean: " + String.join(", ", hits);
    }
}
