package io.scriptgram.console;

import io.scriptgram.client.Account;
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.schedule.Job;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.store.ScriptStorage;
import io.scriptgram.tl.TlSchema;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the console reads from and steers in the running host. {@code cli} builds it from the host; tests build it from
 * their own parts. Every method may be called from any thread.
 */
public interface ConsoleHost {
    /** The host's accounts (one today), in a stable order. */
    List<Account> accounts();

    PluginManager plugins();

    ScriptHost scripts();

    /** Every schedule (plugin.yml and script {@code every}/{@code cron}), with its next run. */
    List<Job.Info> schedules();

    /** Scripts' key-value storage (the first account's store). */
    ScriptStorage storage();

    TlSchema schema();

    Instant started();

    /** "sandbox (in-process sandbox)", "telegram": how the host connects. */
    String mode();

    /** A view over these parts; {@code accounts} and {@code schedules} are asked again at each use. */
    static ConsoleHost of(
            Supplier<List<Account>> accounts,
            PluginManager plugins,
            ScriptHost scripts,
            Supplier<List<Job.Info>> schedules,
            ScriptStorage storage,
            TlSchema schema,
            Instant started,
            String mode) {
        return new ConsoleHost() {
            @Override
            public List<Account> accounts() {
                return accounts.get();
            }

            @Override
            public PluginManager plugins() {
                return plugins;
            }

            @Override
            public ScriptHost scripts() {
                return scripts;
            }

            @Override
            public List<Job.Info> schedules() {
                return schedules.get();
            }

            @Override
            public ScriptStorage storage() {
                return storage;
            }

            @Override
            public TlSchema schema() {
                return schema;
            }

            @Override
            public Instant started() {
                return started;
            }

            @Override
            public String mode() {
                return mode;
            }
        };
    }
}
