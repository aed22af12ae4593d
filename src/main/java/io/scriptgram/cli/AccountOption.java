package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigException;
import io.scriptgram.host.UserError;
import picocli.CommandLine.Option;

/** {@code --account NAME} for every command that uses an account; without it, the default account of config.yml. */
public final class AccountOption {
    @Option(
            names = "--account",
            paramLabel = "NAME",
            description = "Which account of config.yml's accounts: to use. Default: default_account, else the first.")
    String name;

    /** {@code config} as the chosen account sees it (null stays null: no config file). */
    public Config pick(Config config) {
        if (config == null || name == null) return config;
        try {
            return config.forAccount(name);
        } catch (ConfigException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
