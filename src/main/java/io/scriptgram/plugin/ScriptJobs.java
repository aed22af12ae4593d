package io.scriptgram.plugin;

import io.scriptgram.schedule.CronTiming;
import io.scriptgram.schedule.Job;
import io.scriptgram.schedule.Scheduler;
import io.scriptgram.script.ScheduleRegistration;
import io.scriptgram.script.ScriptSchedules;
import java.time.ZoneId;

/** Scripts' {@code every}/{@code cron} registrations as scheduler jobs; runs of one job never overlap. */
public final class ScriptJobs implements ScriptSchedules {
    private final Scheduler scheduler;
    private final ZoneId zone;
    /** After the script's name in its jobs' owner: "@work" for an account other than the default, else "". */
    private final String ownerSuffix;

    public ScriptJobs(Scheduler scheduler, ZoneId zone) {
        this(scheduler, zone, "");
    }

    public ScriptJobs(Scheduler scheduler, ZoneId zone, String ownerSuffix) {
        this.scheduler = scheduler;
        this.zone = zone;
        this.ownerSuffix = ownerSuffix;
    }

    @Override
    public AutoCloseable register(ScheduleRegistration r) {
        Job job = switch (r.kind()) {
            case EVERY -> scheduler.every(r.script() + ownerSuffix, r.toString(), r.interval(), r.run());
            case CRON ->
                scheduler.cron(r.script() + ownerSuffix, r.toString(), new CronTiming(r.spec(), zone), r.run());
        };
        return () -> scheduler.cancel(job);
    }
}
