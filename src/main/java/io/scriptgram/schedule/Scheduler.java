package io.scriptgram.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs cron and interval jobs for their owners (scripts). A run still going when the next is due makes that next one
 * skip (logged, counted); a failing run is logged and the job stays scheduled. Each job is cancelled on its own
 * ({@link #cancel}): during a reload two versions of one script share its name as owner, so ending "the owner's jobs"
 * would end the new version's too.
 */
public final class Scheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("scriptgram.schedule");

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ConcurrentLinkedQueue<Job> jobs = new ConcurrentLinkedQueue<>();

    public Scheduler(Clock clock) {
        this(clock, Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scriptgram-scheduler");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Jobs waiting on {@code timer}, whose delays are read on {@code clock} (a test run's virtual time). */
    public Scheduler(Clock clock, ScheduledExecutorService timer) {
        this.clock = clock;
        this.timer = timer;
    }

    public Job every(String owner, String name, Duration interval, Supplier<? extends CompletionStage<?>> task) {
        return add(new Job(owner, name, new Interval(interval, clock.instant()), task));
    }

    public Job cron(String owner, String name, CronTiming timing, Supplier<? extends CompletionStage<?>> task) {
        return add(new Job(owner, name, timing, task));
    }

    private Job add(Job job) {
        jobs.add(job);
        arm(job, clock.instant());
        return job;
    }

    private void arm(Job job, Instant after) {
        if (job.cancelled) return;
        Instant next = job.timing.next(after);
        job.nextRun = next;
        if (next == null) return;
        long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
        job.timer = timer.schedule(() -> fire(job, next), delay, TimeUnit.MILLISECONDS);
    }

    private void fire(Job job, Instant due) {
        if (job.cancelled) return;
        // Arm the next run before this one starts, so a long run never delays the schedule itself.
        arm(job, due);
        if (job.running) {
            job.skips++;
            LOG.log(
                    System.Logger.Level.WARNING,
                    "{0}: job {1} ({2}) skipped: the previous run is still going",
                    job.owner,
                    job.name,
                    job.timing.describe());
            return;
        }
        job.running = true;
        job.lastRun = clock.instant();
        job.runs++;
        CompletionStage<?> stage;
        try {
            stage = job.task.get();
        } catch (RuntimeException e) {
            failed(job, e);
            job.running = false;
            return;
        }
        stage.whenComplete((ok, err) -> {
            if (err != null) failed(job, err);
            job.running = false;
        });
    }

    private static void failed(Job job, Throwable e) {
        job.failures++;
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        job.lastError = String.valueOf(cause.getMessage());
        LOG.log(System.Logger.Level.ERROR, "{0}: job {1} failed: {2}", job.owner, job.name, job.lastError);
    }

    /** Stops one job. */
    public void cancel(Job job) {
        job.cancelled = true;
        if (job.timer instanceof ScheduledFuture<?> f) f.cancel(false);
        jobs.remove(job);
    }

    /** Live jobs, for status. */
    public List<Job.Info> jobs() {
        List<Job.Info> out = new ArrayList<>();
        for (Job j : jobs) out.add(j.info());
        return out;
    }

    public int size() {
        return jobs.size();
    }

    @Override
    public void close() {
        for (Job j : new ArrayList<>(jobs)) cancel(j);
        timer.shutdownNow();
    }
}
