package io.scriptgram.cli;

import io.scriptgram.config.Durations;
import io.scriptgram.host.UserError;
import java.time.Duration;

/** Durations given on the command line, with the option named when they are wrong. */
final class CliDurations {
    private CliDurations() {}

    static Duration parse(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (RuntimeException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }
}
