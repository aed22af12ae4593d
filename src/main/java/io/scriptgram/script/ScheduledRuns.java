package io.scriptgram.script;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Value;

/**
 * A script's {@code every}/{@code cron} registrations (at most {@link ScriptLimits#schedules}), and the runs the
 * scheduler waits for: each run's future completes when the run is over, when the script unloads, or when the watchdog
 * interrupts the script ({@link #endAll}).
 */
final class ScheduledRuns {
    private record Registration(ScheduleRegistration registration, AutoCloseable handle) {}

    private final ScriptRuntime rt;
    private final ScriptLimits limits;
    private final Map<Integer, Registration> schedules = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> tracked = ConcurrentHashMap.newKeySet();

    ScheduledRuns(ScriptRuntime rt, ScriptLimits limits) {
        this.rt = rt;
        this.limits = limits;
    }

    /** Registers {@code fn} with the host's scheduler under {@code id}; script thread. */
    int add(int id, ScheduleRegistration.Kind kind, String text, Duration interval, Value fn) {
        String what = kind == ScheduleRegistration.Kind.EVERY
                ? "every(" + interval.toMillis() + " ms)"
                : "cron('" + text + "')";
        if (rt.unloadingNow()) throw new IllegalStateException(what + ": the script is unloading");
        if (schedules.size() >= limits.schedules()) {
            throw ScriptLimits.refused(rt.name(), what, "schedules", limits.schedules(), "schedules");
        }
        ScheduleRegistration r = new ScheduleRegistration(rt.name(), kind, text, interval, () -> run(what, fn));
        AutoCloseable handle = rt.host().schedules().register(r);
        schedules.put(id, new Registration(r, handle));
        // unload() sets its status, then cancels what it finds here: one of the two sees the other
        if (rt.unloadingNow() && schedules.remove(id) != null) {
            ScriptHandlers.closeQuietly(handle);
            throw new IllegalStateException(what + ": the script is unloading");
        }
        return id;
    }

    /** One scheduled run of {@code fn}; the future completes when it is over (or at once when it cannot run). */
    private CompletableFuture<Void> run(String what, Value fn) {
        CompletableFuture<Void> done = track(new CompletableFuture<>());
        if (!rt.active() || !rt.post(what, () -> rt.callGuest(what, done, fn))) done.complete(null);
        return done;
    }

    /** A run that must end even if the script unloads or is interrupted before it settles. */
    CompletableFuture<Void> track(CompletableFuture<Void> done) {
        tracked.add(done);
        done.whenComplete((v, e) -> tracked.remove(done));
        return done;
    }

    /**
     * Every run in progress is over. After a watchdog interrupt a JS promise may never settle, and its schedule would
     * then skip every later tick. Which run the stopped task belonged to cannot be told, so a run that was only
     * awaiting ends too (its schedule's next tick may overlap it).
     */
    void endAll() {
        for (CompletableFuture<Void> d : List.copyOf(tracked)) d.complete(null);
    }

    /** off(id) for a schedule; true if there was one. */
    boolean remove(int id) {
        Registration r = schedules.remove(id);
        if (r == null) return false;
        ScriptHandlers.closeQuietly(r.handle());
        return true;
    }

    /** The script unloads: every registration is cancelled, every run ended. */
    void closeAll() {
        for (Registration r : schedules.values()) ScriptHandlers.closeQuietly(r.handle());
        schedules.clear();
        endAll();
    }

    List<ScheduleRegistration> registrations() {
        return schedules.values().stream().map(Registration::registration).toList();
    }
}
