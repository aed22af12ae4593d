package io.scriptgram.cli;

import io.scriptgram.console.ApiReference;
import io.scriptgram.host.UserError;
import io.scriptgram.tl.MethodInfo;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlSchema;
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
        ApiReference ref = new ApiReference(s);
        out.printf("%s  #%s  method, layer %d%n%n", m.name(), m.idHex(), s.layer());
        List<String> cs = ref.constructorsOf(m.typeName()).stream()
                .map(TlConstructor::name)
                .toList();
        out.printf("Returns     %s%s%n", m.typeName(), cs.isEmpty() ? "" : "  (" + String.join(" | ", cs) + ")");
        out.printf("Bots        %s%n%n", ref.botsMayCall(m.name()));
        params(out, ref, m, "Parameters");
        out.println("Errors");
        List<MethodInfo.RpcErrorInfo> errors = ref.errors(m.name());
        if (errors.isEmpty()) out.println("  none documented");
        else for (MethodInfo.RpcErrorInfo e : errors) out.printf("  %d %s%n", e.code(), e.type());
        out.println();
        out.println("Usage");
        out.printf("  JS      %s%n", ref.jsExample(m));
        out.printf("  Python  %s%n", ref.pythonExample(m));
        out.printf("  CLI     %s%n", ref.cliExample(m));
    }

    private void constructor(PrintWriter out, TlSchema s, TlConstructor c) {
        out.printf("%s  #%s  constructor of %s, layer %d%n%n", c.name(), c.idHex(), c.typeName(), s.layer());
        params(out, new ApiReference(s), c, "Fields");
        out.println("Schema");
        out.println("  " + c.declaration());
    }

    private void type(PrintWriter out, TlSchema s, TlTypeInfo t) {
        out.printf("%s  type, layer %d%n%nConstructors%n", t.name(), s.layer());
        for (TlConstructor c : t.constructors()) out.printf("  %-40s #%s%n", c.name(), c.idHex());
        List<String> returning = new ApiReference(s).returnedBy(t.name());
        out.println();
        out.println("Returned by");
        if (returning.isEmpty()) out.println("  no method");
        for (String r : returning) out.println("  " + r);
    }

    private static void params(PrintWriter out, ApiReference ref, TlConstructor c, String title) {
        out.println(title);
        List<ApiReference.Param> shown = ref.params(c);
        if (shown.isEmpty()) {
            out.println("  none");
            out.println();
            return;
        }
        int nw = Math.max(
                4, shown.stream().mapToInt(p -> p.name().length()).max().orElse(0));
        int tw = Math.max(
                4, shown.stream().mapToInt(p -> p.type().length()).max().orElse(0));
        out.printf("  %-" + nw + "s  %-" + tw + "s  %s%n", "name", "type", "presence");
        for (ApiReference.Param p : shown)
            out.printf("  %-" + nw + "s  %-" + tw + "s  %s%n", p.name(), p.type(), p.presence());
        out.println();
    }

    private String suggestions(TlSchema s) {
        String q = name.toLowerCase(Locale.ROOT);
        List<String> hits = new ArrayList<>();
        for (TlConstructor c : s.all())
            if (c.name().toLowerCase(Locale.ROOT).contains(q) && hits.size() < 8) hits.add(c.name());
        return hits.isEmpty() ? "" : "; did you mean: " + String.join(", ", hits);
    }
}
