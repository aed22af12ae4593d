package io.scriptgram.plugin;

import io.scriptgram.config.ConfigException;
import io.scriptgram.schedule.CronTiming;
import io.scriptgram.schedule.Job;
import io.scriptgram.schedule.Scheduler;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.script.ScriptLanguage;
import io.scriptgram.script.ScriptSpec;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plugins as scripts: a manifest becomes a script loaded (inactive) beside any running version; it becomes active, with
 * its plugin.yml schedules, only when the plugin manager switches to it.
 */
public final class ScriptPlugins implements PluginManager.Runtime {
    private static final System.Logger LOG = System.getLogger("scriptgram.plugins");
    /** How long an old version may finish what it was doing before it is unloaded (at most the run limit). */
    private static final Duration MAX_GRACE = Duration.ofSeconds(5);

    private final ScriptHost host;
    private final Scheduler scheduler;
    private final ZoneId zone;
    private final PluginSettings.Sources settings;
    /** After the plugin's name in its jobs' owner: "@work" for an account other than the default, else "". */
    private final String ownerSuffix;

    public ScriptPlugins(ScriptHost host, Scheduler scheduler, ZoneId zone) {
        this(host, scheduler, zone, PluginSettings.Sources.NONE, "");
    }

    /**
     * {@code settings}: where the plugins' setting values come from (config.yml, plugins.settings.yml). For one account
     * of several on a shared scheduler, its jobs' owners are {@code name + ownerSuffix}.
     */
    public ScriptPlugins(
            ScriptHost host, Scheduler scheduler, ZoneId zone, PluginSettings.Sources settings, String ownerSuffix) {
        this.host = host;
        this.scheduler = scheduler;
        this.zone = zone;
        this.settings = settings;
        this.ownerSuffix = ownerSuffix;
    }

    @Override
    public PluginManager.Loaded load(PluginManifest m) throws Exception {
        // Timings first: a schedule the scheduler would refuse must refuse this version before it runs or switches.
        List<CronTiming> crons = new ArrayList<>();
        for (PluginManifest.Schedule s : m.schedules()) {
            try {
                crons.add(s.cron() == null ? null : new CronTiming(s.cron(), zone));
            } catch (IllegalArgumentException e) {
                throw new Exception(m.label() + ": schedule " + s.function() + ": " + e.getMessage(), e);
            }
        }
        ScriptLanguage lang = m.language() == PluginManifest.Language.JS ? ScriptLanguage.JS : ScriptLanguage.PYTHON;
        // Settings are checked before any code runs: a wrong value refuses this version, naming file, line and key.
        Map<String, Object> config;
        try {
            config = PluginSettings.values(m, settings);
        } catch (ConfigException e) {
            throw new Exception(m.label() + ": " + e.getMessage(), e);
        }
        // A plugin folder without a permissions list may call every method but those that can delete or hand over
        // the account (listed as "*": a wildcard never grants them); a single script in scripts/ is the user's own.
        boolean plugin = !m.place().equals(m.entry());
        List<String> permissions = m.permissions().isEmpty() && plugin ? List.of("*") : m.permissions();
        ScriptSpec spec = new ScriptSpec(m.name(), m.root(), m.entry(), lang, config, null, permissions, m.network());
        // A plugin (shared code) passes its budgets and the audit log; a single script is the user's own code.
        if (!plugin) host.callGate().forget(m.name());
        else {
            try {
                host.callGate().plan(m.name(), m.budgets()); // above the ceiling of config.yml: it does not load
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(m.name() + "/plugin.yml budgets: " + e.getMessage(), e);
            }
        }
        ScriptHandle h = host.load(spec, false);
        Duration wait = host.runLimit().plusSeconds(5);
        try {
            h.completion().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            h.unload();
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new Exception(m.label() + ": " + c.getMessage(), c);
        } catch (TimeoutException e) {
            h.unload();
            throw new Exception(m.label() + ": its top-level code did not finish within " + wait.toSeconds() + " s");
        }
        return new Version(m, h, crons);
    }

    /** One loaded version of a plugin. */
    private final class Version implements PluginManager.Loaded {
        private final PluginManifest manifest;
        private final ScriptHandle handle;
        /** The cron timing of each of the manifest's schedules (null for an interval). */
        private final List<CronTiming> crons;

        private final List<Job> jobs = new ArrayList<>();

        Version(PluginManifest manifest, ScriptHandle handle, List<CronTiming> crons) {
            this.manifest = manifest;
            this.handle = handle;
            this.crons = crons;
        }

        @Override
        public synchronized void activate() {
            handle.setActive(true);
            startJobs();
        }

        @Override
        public void takeOver(PluginManager.Loaded previous) {
            if (!(previous instanceof Version old)) {
                PluginManager.Loaded.super.takeOver(previous);
                return;
            }
            host.switchActive(old.handle, handle);
            old.deactivate();
            synchronized (this) {
                startJobs();
            }
        }

        private void startJobs() {
            if (!jobs.isEmpty()) return; // already running (a switch back to this version)
            for (int i = 0; i < crons.size(); i++) {
                PluginManifest.Schedule s = manifest.schedules().get(i);
                String name = manifest.name() + ": " + s.function()
                        + (s.cron() != null ? " (cron '" + s.cron() + "')" : " (every " + s.every() + ")");
                jobs.add(
                        s.cron() != null
                                ? scheduler.cron(
                                        manifest.name() + ownerSuffix,
                                        name,
                                        crons.get(i),
                                        () -> handle.callFunction(s.function()))
                                : scheduler.every(
                                        manifest.name() + ownerSuffix,
                                        name,
                                        s.every(),
                                        () -> handle.callFunction(s.function())));
            }
        }

        @Override
        public synchronized void deactivate() {
            handle.setActive(false);
            for (Job j : jobs) scheduler.cancel(j);
            jobs.clear();
        }

        @Override
        public synchronized void unload() {
            handle.setActive(false);
            for (Job j : jobs) scheduler.cancel(j);
            jobs.clear();
            // No new events reach it now; what it is doing (a handler awaiting an API call) may finish first.
            Duration grace = host.runLimit().compareTo(MAX_GRACE) < 0 ? host.runLimit() : MAX_GRACE;
            try {
                handle.idle().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "{0}: still busy after {1} ms (calls, timers); unloading anyway",
                        manifest.label(),
                        grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // idle() does not fail
            }
            handle.unload();
        }

        @Override
        public String toString() {
            return manifest.label() + " [" + handle.status() + ", " + handle.handlerCount() + " handlers, "
                    + handle.schedules().size() + " schedules]";
        }
    }

    /** The script behind a loaded version (status). */
    public static ScriptHandle handleOf(PluginManager.Loaded loaded) {
        return loaded instanceof Version v ? v.handle : null;
    }
}
