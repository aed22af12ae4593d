package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.host.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code logout}: ends the session on the server and forgets it here (script storage stays). */
@Command(name = "logout", description = "Logs out and forgets the session (script storage is kept).")
public final class LogoutCommand implements Runnable {
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
            if (c.account().self().isEmpty()) {
                spec.commandLine().getOut().println("not logged in");
                return;
            }
            Connection.await(c.account().logout());
            spec.commandLine().getOut().println("logged out");
        }
    }
}
