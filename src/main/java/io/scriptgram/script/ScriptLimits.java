package io.scriptgram.script;

/**
 * What one script may hold at once, so a flood of registrations, timers, updates or log lines from one script cannot
 * exhaust the host's memory, its status or its log (config.yml {@code scripts.limits}). Past a limit the script gets an
 * error naming the limit and its key.
 *
 * @param handlers {@code on(...)} handlers subscribed
 * @param schedules {@code every}/{@code cron} registrations
 * @param timers {@code sleep}/{@code setTimeout}/{@code setInterval} waits pending
 * @param queuedUpdates updates queued for its handlers and not started; past it an update is not handed to this script
 *     (its hold released at once), counted and logged
 * @param logLinesPerSecond log lines (log.*, print, errors) per second; the rest are dropped and counted in one
 *     "suppressed N lines" notice per second
 */
public record ScriptLimits(int handlers, int schedules, int timers, int queuedUpdates, int logLinesPerSecond) {
    public static final ScriptLimits DEFAULTS = new ScriptLimits(1000, 1000, 10_000, 10_000, 100);

    public ScriptLimits {
        positive("handlers", handlers);
        positive("schedules", schedules);
        positive("timers", timers);
        positive("queued_updates", queuedUpdates);
        positive("log_lines_per_second", logLinesPerSecond);
    }

    private static void positive(String key, int value) {
        if (value < 1) throw new IllegalArgumentException(key(key) + " must be at least 1, got " + value);
    }

    /** The config.yml key of a limit, e.g. {@code scripts.limits.handlers}. */
    static String key(String name) {
        return "scripts.limits." + name;
    }

    /** The error a script gets for going past a limit: names the script, the limit, its value and its key. */
    static IllegalStateException refused(String script, String what, String noun, int limit, String name) {
        return new IllegalStateException(what + ": script '" + script + "' already has " + limit + " " + noun
                + ", its limit (" + key(name) + " in config.yml)");
    }
}
