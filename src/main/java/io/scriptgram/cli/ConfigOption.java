package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigException;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE} (default {@code config.yml}) for every command that reads the configuration. */
public final class ConfigOption {
    private static final Path DEFAULT = Path.of("config.yml");

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file. Default: config.yml")
    Path file;

    /** The configuration, which must exist. */
    public Config load() {
        Path f = file == null ? DEFAULT : file;
        if (!Files.exists(f)) {
            throw new UserError("no configuration file " + f.toAbsolutePath()
                    + " (copy config.yml from the repository, or pass --config FILE)");
        }
        try {
            return ConfigLoader.load(f, System.getenv());
        } catch (ConfigException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** For commands that work without one (describe, tl, …): null without --config and config.yml. */
    public Config loadIfPresent() {
        return file == null && !Files.exists(DEFAULT) ? null : load();
    }
}
