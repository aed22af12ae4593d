package io.scriptgram.cli;

import io.scriptgram.client.Account;
import io.scriptgram.tl.TlObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code whoami}: the logged-in account. */
@Command(name = "whoami", description = "Shows the logged-in account.")
public final class Whoami implements Runnable {
    @Mixin ConfigOption config;
    @Mixin SchemaOption schema;
    @Spec CommandSpec spec;

    @Override
    public void run() {
        try (Connection c = Connection.open(config.load(), schema.load(), false)) {
            Account a = c.loggedIn();
            TlObject me = a.self().orElseThrow();
            spec.commandLine().getOut().println(describe(me) + ", home DC " + a.api().homeDc()
                    + (c.localSandbox() != null ? " (in-process sandbox)" : ""));
        }
    }

    /** "Sandy Box (@sandbox_me, id 1000001, +9996611234)". */
    static String describe(TlObject user) {
        StringBuilder b = new StringBuilder();
        if (user.has("first_name")) b.append(user.getString("first_name"));
        if (user.has("last_name")) b.append(' ').append(user.getString("last_name"));
        b.append(" (");
        if (user.has("username")) b.append('@').append(user.getString("username")).append(", ");
        b.append("id ").append(user.getLong("id"));
        if (user.has("phone")) b.append(", +").append(user.getString("phone"));
        if (user.has("bot")) b.append(", bot");
        return b.append(')').toString();
    }
}
