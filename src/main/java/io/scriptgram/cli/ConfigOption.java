package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigException;
import io.scriptgram.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE} (default {@code config.yml}) for every command that uses the account. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file. Default: ${DEFAULT-VALUE}")
    Path file = Path.of("config.yml");

    public Config load() {
        if (!Files.exists(file)) throw new UserError("no configuration file " + file.toAbsolutePath() + " (copy config.yml from the repository, or pass --config FILE)");
        try {
            return ConfigLoader.load(file, System.getenv());
        } catch (ConfigException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
