package io.scriptgram.host;

import io.scriptgram.config.Config;
import io.scriptgram.store.PostgresSettings;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoreException;
import io.scriptgram.store.StoreOptions;
import io.scriptgram.store.WriteFence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an account's store (auth keys, peers, update state, script storage). The one place that does, so choosing
 * another store backend is a change here only.
 */
public final class AccountStores {
    private AccountStores() {}

    /**
     * The store of {@code config}'s account ({@link Config#account()}): its SQLite session file, or its rows (by the
     * account's name) in the PostgreSQL store of {@code store:}. A failure is a {@link UserError}.
     */
    public static SessionStore open(Config config) {
        try {
            if (config.store().isPostgres()) {
                PostgresSettings pg = PostgresSettings.fromUrl(
                        config.store().url(), config.store().passwordEnv(), System.getenv());
                return SessionStore.openPostgres(pg, config.account(), StoreOptions.defaults());
            }
            Path parent = config.session().toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return SessionStore.open(config.session());
        } catch (StoreException | IOException e) {
            throw new UserError(
                    (config.accounts().several() ? "account " + config.account() + ": " : "") + e.getMessage(), e);
        }
    }

    /**
     * The PostgreSQL store of {@code store:}, shared by every account of this host; a failure is a {@link UserError}.
     */
    public static PostgresStore openShared(Config config) {
        try {
            return PostgresStore.open(PostgresSettings.fromUrl(
                    config.store().url(), config.store().passwordEnv(), System.getenv()));
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /**
     * The account's rows in the host's shared PostgreSQL store, every write fenced by the lease this host holds
     * ({@link WriteFence}).
     */
    public static SessionStore open(Config config, PostgresStore shared, WriteFence fence) {
        try {
            return shared.session(config.account(), fence);
        } catch (StoreException e) {
            throw new UserError("account " + config.account() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the account has a store yet (listing accounts must not create one). A PostgreSQL store holds every
     * account's rows in one database, so there it always exists.
     */
    public static boolean exists(Config config) {
        return config.store().isPostgres() || Files.exists(config.session());
    }
}
