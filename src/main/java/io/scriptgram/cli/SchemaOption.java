package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.host.UserError;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --schema FILE}: every command that uses a schema takes one. Without it, config.yml's {@code schema:}; without
 * that, the bundled layer.
 */
public final class SchemaOption {
    @Option(
            names = "--schema",
            paramLabel = "FILE",
            description = "A .tl schema file (any layer) instead of config.yml's schema or the bundled one.")
    Path file;

    /** @param config the configuration in use, or null */
    public TlSchema load(Config config) {
        if (file != null) return read(file, "--schema");
        if (config != null && config.schema() != null) return read(config.schema(), "schema (config.yml)");
        return TlSchema.bundled();
    }

    static TlSchema read(Path file, String from) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError(from + ": cannot read schema " + file + ": " + e.getMessage());
        }
        try {
            return TlSchema.withApi(text, file.toString());
        } catch (TlException e) {
            throw new UserError(from + ": " + e.getMessage(), e);
        }
    }
}
