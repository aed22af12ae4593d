package io.scriptgram.cli;

import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --schema FILE}: every command that uses a schema takes one; the bundled layer otherwise. */
public final class SchemaOption {
    @Option(names = "--schema", paramLabel = "FILE", description = "A .tl schema file (any layer) instead of the bundled one.")
    Path file;

    public TlSchema load() {
        if (file == null) return TlSchema.bundled();
        try {
            return TlSchema.load(file);
        } catch (TlException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
