package io.scriptgram.script;

import java.time.Duration;

/**
 * A script's {@code every(duration, fn)} or {@code cron(expression, fn)}: what the scheduler needs to
 * run it. {@link #fire()} queues one run of the script's function on the script's own thread and
 * returns at once; it does nothing once the script has unloaded.
 */
public record ScheduleRegistration(String script, Kind kind, String spec, Duration interval, Runnable fire) {
    public enum Kind { EVERY, CRON }

    @Override
    public String toString() {
        return script + ": " + (kind == Kind.EVERY ? "every " + interval : "cron '" + spec + "'");
    }
}
