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
 *
 * <p>On a host that shares its accounts with other hosts by lease, the accounts running here change while it runs: an
 * account appears when this host takes its lease and leaves when the lease is lost or handed over. So every part is
 * asked again at each use, and {@link #plugins()}, {@link #scripts()} and {@link #storage()} are null while no account
 * runs here.
 */
public interface ConsoleHost {
    /** The accounts running on this host now, in a stable order. */
    List<Account> accounts();

    /** An account of this host's config that does not run here now, and where it is ("held by host …"). */
    record Away(String account, String where) {}

    /** The host's accounts that do not run here now (another host holds them, or they wait for their lease). */
    default List<Away> away() {
        return List.of();
    }

    /** The plugins of the first account running here, or null when none runs here. */
    PluginManager plugins();

    /** The scripts of the first account running here, or null when none runs here. */
    ScriptHost scripts();

    /** Every schedule (plugin.yml and script {@code every}/{@code cron}), with its next run. */
    List<Job.Info> schedules();

    /** Scripts' key-value storage (the first running account's store), or null when none runs here. */
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
        return following(
                accounts, List::of, () -> plugins, () -> scripts, schedules, () -> storage, schema, started, mode);
    }

    /** A view over parts that change while the host runs (its leased accounts): each is asked again at each use. */
    static ConsoleHost following(
            Supplier<List<Account>> accounts,
            Supplier<List<Away>> away,
            Supplier<PluginManager> plugins,
            Supplier<ScriptHost> scripts,
            Supplier<List<Job.Info>> schedules,
            Supplier<ScriptStorage> storage,
            TlSchema schema,
            Instant started,
            String mode) {
        return new ConsoleHost() {
            @Override
            public List<Account> accounts() {
                return accounts.get();
            }

            @Override
            public List<Away> away() {
                return away.get();
            }

            @Override
            public PluginManager plugins() {
                return plugins.get();
            }

            @Override
            public ScriptHost scripts() {
                return scripts.get();
            }

            @Override
            public List<Job.Info> schedules() {
                return schedules.get();
            }

            @Override
            public ScriptStorage storage() {
                return storage.get();
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
