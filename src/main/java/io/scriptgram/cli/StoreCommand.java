package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.host.CommandLease;
import io.scriptgram.host.Connection;
import io.scriptgram.host.UserError;
import io.scriptgram.store.PostgresSettings;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoreCopy;
import io.scriptgram.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code store}: the session store's own commands. */
@Command(
        name = "store",
        description = "Session store commands.",
        subcommands = {StoreCommand.Migrate.class})
public final class StoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code store migrate --to postgresql://…}: copies a SQLite session into a PostgreSQL store under an account name
     * and verifies the copy (row counts and a digest of every value) before committing it. The SQLite file is only
     * read; a running host holding it makes this fail (stop it first), and so does a host running the account in the
     * PostgreSQL store (the copy is written under the account's lease).
     */
    @Command(name = "migrate", description = "Copies a SQLite session into a PostgreSQL store and verifies the copy.")
    public static final class Migrate implements Runnable {
        @Mixin
        ConfigOption config;

        @Option(
                names = "--to",
                paramLabel = "URL",
                description = "postgresql://[user@]host:port/database. Default: the config's store when it is one."
                        + " The password comes from PGPASSWORD or --password-env.")
        String to;

        @Option(
                names = "--from",
                paramLabel = "FILE",
                description = "The SQLite session file. Default: the config's session.")
        Path from;

        @Option(
                names = "--account",
                paramLabel = "NAME",
                description = "The account name in the PostgreSQL store. Default: main.")
        String account = Connection.DEFAULT_ACCOUNT;

        @Option(
                names = "--password-env",
                paramLabel = "VAR",
                description = "The environment variable holding the database password. Default: PGPASSWORD.")
        String passwordEnv;

        @Option(names = "--replace", description = "Replace the account's session if the store already has one.")
        boolean replace;

        @Spec
        CommandSpec spec;

        /** The environment, replaceable by tests. */
        Map<String, String> env = System.getenv();

        @Override
        public void run() {
            Config cfg = from == null || to == null ? config.load() : config.loadIfPresent();
            Path file = from != null ? from : cfg.session();
            String url = to;
            String passEnv = passwordEnv;
            if (url == null) {
                if (cfg == null || !cfg.store().isPostgres())
                    throw new UserError("store migrate: say where to with --to postgresql://host:port/database"
                            + " (the config's store is SQLite)");
                url = cfg.store().url();
                if (passEnv == null) passEnv = cfg.store().passwordEnv();
            }
            if (!Files.isRegularFile(file))
                throw new UserError("store migrate: no SQLite session file at " + file.toAbsolutePath());
            PrintWriter out = spec.commandLine().getOut();
            try {
                PostgresStore.checkAccount(account);
                PostgresSettings settings = PostgresSettings.fromUrl(url, passEnv, env);
                Duration lease =
                        cfg != null && cfg.store().isPostgres() ? cfg.store().lease() : Config.Store.DEFAULT_LEASE;
                // The source is read only, but a host running on it holds its file (opening it names that process).
                // The target is written only under the account's lease: never while a host runs the account there.
                try (SessionStore source = SessionStore.open(file);
                        CommandLease held = CommandLease.take(settings, account, lease, "migrate a session into it");
                        SessionStore target = held.store()) {
                    StoreCopy.Summary copied = StoreCopy.copy(source, target, replace);
                    out.println("copied " + file.toAbsolutePath() + " to " + settings.display() + " as account '"
                            + account + "'");
                    copied.rows().forEach((table, rows) -> out.printf("  %-15s %d rows%n", table, rows));
                    out.println(
                            "verified: " + copied.totalRows() + " rows, sha256 " + copied.sha256() + " on both sides");
                    out.println("the SQLite file was left as it was; set store: " + url + " in config.yml to use"
                            + " the copy");
                }
            } catch (StoreException e) {
                throw new UserError("store migrate: " + e.getMessage(), e);
            }
        }
    }
}
