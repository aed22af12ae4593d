package io.scriptgram.script;

import io.scriptgram.config.Durations;
import java.time.Duration;

/**
 * Durations given to script globals ({@code every}, {@code sleep}): a number of seconds or a string of
 * {@link Durations}' grammar, the same rule as config.yml and plugin.yml.
 */
final class ScriptDurations {
    private ScriptDurations() {}

    /** @param what the global's name, for the error ({@code every}, {@code sleep}) */
    static Duration parse(Object v, String what) {
        try {
            if (v instanceof Number n) return Durations.seconds(n.doubleValue());
            if (v instanceof String s) return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
        throw new IllegalArgumentException(
                what + ": expected a duration (" + Durations.EXAMPLES + "), got " + (v == null ? "nothing" : v));
    }
}
