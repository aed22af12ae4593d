package io.scriptgram.config;

/** A config.yml (or plugin.yml) that cannot be used; the message names the file, the key and what is expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
