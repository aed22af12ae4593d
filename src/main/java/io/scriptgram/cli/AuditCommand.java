package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.host.AccountStores;
import io.scriptgram.host.UserError;
import io.scriptgram.store.AuditLog;
import io.scriptgram.store.AuditRecord;
import io.scriptgram.store.SessionStore;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code audit [PLUGIN] [--since 1h] [--method messages.*]}: what plugins called, from the account's audit log. */
@Command(
        name = "audit",
        description = "Shows the audit log: every API call a plugin made (time, plugin, account, method, peer, outcome,"
                + " duration), refused ones marked, and the permissions granted at install.")
public final class AuditCommand implements Runnable {
    @Mixin
    ConfigOption config;

    @Mixin
    AccountOption account;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PLUGIN", description = "Only this plugin's calls.")
    String plugin;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only calls this recent (1h, 30m, 2d).")
    String since;

    @Option(names = "--method", paramLabel = "PATTERN", description = "Only these methods (messages.* or a name).")
    String method;

    @Option(names = "--limit", paramLabel = "N", description = "At most the newest N rows (default 200).")
    int limit = 200;

    @Override
    public void run() {
        Config cfg = account.pick(config.load());
        AuditLog.Query q;
        try {
            Instant from = since == null ? null : Instant.now().minus(CliDurations.parse("--since", since));
            q = new AuditLog.Query(plugin, from, method, Math.max(1, limit));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (!AccountStores.exists(cfg)) throw new UserError("account " + cfg.account() + " has no store yet");
        PrintWriter out = spec.commandLine().getOut();
        try (SessionStore s = AccountStores.open(cfg)) {
            var rows = s.audit().read(q);
            if (rows.isEmpty()) out.println("no audit rows match");
            for (AuditRecord r : rows) {
                out.println(r.at() + "  " + r.plugin() + "  " + cfg.account() + "  " + r.method() + "  "
                        + (r.peer() == null ? "-" : r.peer()) + "  "
                        + r.outcome().word()
                        + (r.detail() == null ? "" : " (" + r.detail() + ")") + "  " + r.micros() / 1000.0 + " ms");
            }
        }
    }
}
