package io.scriptgram.script;

/**
 * Where {@code every} and {@code cron} registrations go; the plugin layer implements it over the scheduler.
 * {@link #register} may refuse a bad cron expression with an {@link IllegalArgumentException} (its message reaches the
 * script); closing the returned handle cancels the job (done when the script unloads).
 */
public interface ScriptSchedules {
    AutoCloseable register(ScheduleRegistration registration);

    /** Records nothing and runs nothing: registrations are still listed on the {@link ScriptHandle}. */
    static ScriptSchedules none() {
        return r -> () -> {};
    }
}
