package io.scriptgram.cli;

import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --schema FILE}: every command that uses a schema takes one; the bundled layer otherwise. */
public final class SchemaOption {
    @Option(names = "--schema", paramLabel = "FILE", description = "A .tl schema file (any layer) instead of the bundled one.")
    Path file;

    public TlSchema load() {
        if (file == null) return TlSchema.bundled();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError("cannot read schema " + file + ": " + e.getMessage());
        }
        try {
            return TlSchema.withApi(text, file.toString());
        } catch (TlException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
