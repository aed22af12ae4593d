package io.scriptgram.cli;

import io.scriptgram.host.UserError;
import io.scriptgram.tl.MethodInfo;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlSchema;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code methods [PREFIX]}: the API methods, with what each returns. */
@Command(name = "methods", description = "Lists API methods (optionally those starting with PREFIX).")
public final class MethodsCommand implements Runnable {
    @Mixin
    SchemaOption schema;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "e.g. contacts. or messages.send")
    String prefix = "";

    @Option(names = "--bots", description = "Only methods a bot may call.")
    boolean bots;

    @Override
    public void run() {
        TlSchema s = schema.load(config.loadIfPresent());
        List<TlConstructor> methods = s.functions().stream()
                .filter(m -> m.name().startsWith(prefix))
                .filter(m -> !bots || botsMayCall(s, m))
                .sorted(Comparator.comparing(TlConstructor::name))
                .toList();
        if (methods.isEmpty()) throw new UserError("no method starts with '" + prefix + "' in layer " + s.layer());
        int width = methods.stream().mapToInt(m -> m.name().length()).max().orElse(0);
        for (TlConstructor m : methods)
            spec.commandLine().getOut().printf("%-" + width + "s  → %s%n", m.name(), m.typeName());
    }

    private static boolean botsMayCall(TlSchema s, TlConstructor m) {
        MethodInfo info = s.methodInfo(m.name());
        return info == null || info.botsMayCall();
    }
}
