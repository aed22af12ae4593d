package io.scriptgram.cli;

import io.scriptgram.client.Account;
import io.scriptgram.config.Config;
import io.scriptgram.host.AccountLabel;
import io.scriptgram.host.Connection;
import io.scriptgram.tl.TlObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code whoami}: the logged-in account. */
@Command(name = "whoami", description = "Shows the logged-in account.")
public final class Whoami implements Runnable {
    @Mixin
    ConfigOption config;

    @Mixin
    AccountOption account;

    @Mixin
    SchemaOption schema;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Config cfg = account.pick(config.load());
        try (Connection c = Connection.open(cfg, schema.load(cfg), false)) {
            Account a = c.loggedIn();
            TlObject me = a.self().orElseThrow();
            spec.commandLine()
                    .getOut()
                    .println(AccountLabel.withPhone(me) + ", home DC " + a.api().homeDc()
                            + (c.localSandbox() != null ? " (in-process sandbox)" : ""));
        }
    }
}
