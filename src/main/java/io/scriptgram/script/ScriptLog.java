package io.scriptgram.script;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A script's log, at most {@code perSecond} lines in each one-second window: beyond that, lines are dropped and
 * counted, and one "suppressed N lines" notice is logged when the window ends, so a flood neither fills the disk nor
 * disappears without a trace. Any thread.
 */
final class ScriptLog {
    private static final long WINDOW = TimeUnit.SECONDS.toNanos(1);

    private final Logger logger;
    private final String script;
    private final int perSecond;
    private final ScheduledExecutorService timers;
    private long windowStart = System.nanoTime();
    private int inWindow;
    private long suppressed;
    private boolean noticeDue;

    ScriptLog(Logger logger, String script, int perSecond, ScheduledExecutorService timers) {
        this.logger = logger;
        this.script = script;
        this.perSecond = perSecond;
        this.timers = timers;
    }

    void log(Level level, String line) {
        if (!logger.isLoggable(level)) return;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - windowStart >= WINDOW) {
                windowStart = now;
                inWindow = 0;
            }
            if (inWindow >= perSecond) {
                suppressed++;
                if (!noticeDue) {
                    noticeDue = true;
                    scheduleNotice(WINDOW - (now - windowStart));
                }
                return;
            }
            inWindow++;
        }
        logger.log(level, line);
    }

    private void scheduleNotice(long delayNanos) {
        try {
            timers.schedule(this::notice, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            notice(); // the host is closing: say it now
        }
    }

    /** Logs how many lines the window that just ended dropped. */
    void notice() {
        long n;
        synchronized (this) {
            n = suppressed;
            suppressed = 0;
            noticeDue = false;
        }
        if (n > 0) {
            logger.warning(script + ": suppressed " + n + " log lines (at most " + perSecond + " lines per second, "
                    + ScriptLimits.key("log_lines_per_second") + " in config.yml)");
        }
    }
}
