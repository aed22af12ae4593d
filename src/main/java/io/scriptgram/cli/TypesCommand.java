package io.scriptgram.cli;

import io.scriptgram.host.UserError;
import io.scriptgram.script.TypesGenerator;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code types --out DIR}: writes scriptgram.d.ts and scriptgram.pyi for editors, generated from the schema. */
@Command(
        name = "types",
        description = "Writes scriptgram.d.ts and scriptgram.pyi (editor completion for scripts) from the schema.")
public final class TypesCommand implements Runnable {
    @Mixin
    SchemaOption schema;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write them. Default: ${DEFAULT-VALUE}")
    Path out = Path.of(".");

    @Override
    public void run() {
        try {
            TypesGenerator types = new TypesGenerator(schema.load(config.loadIfPresent()));
            for (Path p : types.writeTo(out)) spec.commandLine().getOut().println("wrote " + p);
        } catch (IOException e) {
            throw new UserError("cannot write to " + out + ": " + e.getMessage());
        }
    }
}
