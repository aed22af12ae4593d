package io.scriptgram.cli;

import io.scriptgram.console.DocsSite;
import io.scriptgram.host.UserError;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code docs --out DIR}: the console's API reference as a static site. */
@Command(
        name = "docs",
        description = "Writes the API reference (a page per method, constructor and type) as a static site.")
public final class DocsCommand implements Runnable {
    @Mixin
    SchemaOption schema;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the pages.")
    Path out;

    @Override
    public void run() {
        TlSchema s = schema.load(config.loadIfPresent());
        try {
            int pages = DocsSite.write(s, out);
            spec.commandLine()
                    .getOut()
                    .printf("scriptgram: wrote %d pages of layer %d to %s (open index.html)%n", pages, s.layer(), out);
        } catch (IOException e) {
            throw new UserError("cannot write the reference to " + out + ": " + e.getMessage(), e);
        }
    }
}
