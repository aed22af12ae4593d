package io.scriptgram.cli;

import io.scriptgram.cluster.LeaseRow;
import io.scriptgram.cluster.Leases;
import io.scriptgram.config.Config;
import io.scriptgram.host.AccountStores;
import io.scriptgram.host.UserError;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code status} with a PostgreSQL store: which host holds which account, since when and until when, from the lease
 * table (times on the database's clock). An account of config.yml with no lease row has never been run by any host.
 */
final class LeaseTable {
    private LeaseTable() {}

    static String render(Config config, String only, Instant now) {
        List<LeaseRow> rows;
        try (PostgresStore store = AccountStores.openShared(config)) {
            rows = Leases.read(store, Duration.ofSeconds(10));
        } catch (StoreException e) {
            throw new UserError(e.getMessage(), e);
        }
        StringBuilder b = new StringBuilder("leases (" + config.store().url() + "):\n");
        b.append(String.format("  %-20s %-36s %-26s %s%n", "account", "held by", "since", "expires"));
        int shown = 0;
        for (String name : config.accounts().byName().keySet()) {
            if (only != null && !only.equals(name)) continue;
            shown++;
            LeaseRow r = rows.stream()
                    .filter(x -> x.account().equals(name))
                    .findFirst()
                    .orElse(null);
            if (r == null) {
                b.append(String.format("  %-20s %s%n", name, "never held"));
            } else if (!r.live() || r.holder() == null) {
                b.append(String.format(
                        "  %-20s %-36s %-26s %s%n",
                        name,
                        "nobody (free)",
                        "-",
                        r.holder() == null ? "released " + r.expires() : "expired " + r.expires()));
            } else {
                b.append(String.format(
                        "  %-20s %-36s %-26s %s (token %d)%n", name, r.holder(), r.acquired(), r.expires(), r.token()));
            }
        }
        if (only != null && shown == 0) throw new UserError("config.yml has no account '" + only + "'");
        return b.toString();
    }
}
