package io.scriptgram.schedule;

import java.time.Instant;

/** When a job runs: given the previous due time (or the start), the next one. */
public interface Timing {
    /** The first due time strictly after {@code after}; null when the schedule has no more runs. */
    Instant next(Instant after);

    /** How users wrote it ({@code every 90s}, {@code cron 0 9 * * *}). */
    String describe();
}
