package io.scriptgram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scriptgram.config.Config;
import io.scriptgram.host.Host;
import io.scriptgram.host.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status}: what the running host has loaded, when each schedule runs next, recent errors, and each account's
 * state; with {@code --account NAME}, that account's part.
 */
@Command(
        name = "status",
        description = "Shows what a running `scriptgram run` has loaded, its schedules, recent errors and the state of"
                + " each account.")
public final class StatusCommand implements Runnable {
    @Mixin
    ConfigOption config;

    @Option(names = "--account", paramLabel = "NAME", description = "Show only this account's state and plugins.")
    String account;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Config cfg = config.load();
        if (cfg.store().isPostgres()) {
            // Hosts share the accounts: the lease table says which runs which, whichever host this is.
            spec.commandLine().getOut().print(LeaseTable.render(cfg, account, Instant.now()));
            spec.commandLine().getOut().flush();
        }
        Path file = Host.statusFile(cfg);
        try {
            if (cfg.store().isPostgres() && !Files.exists(file)) return; // no host of the cluster runs here
            if (!Files.exists(file))
                throw new UserError("no running host (no " + file + "); start one with scriptgram run");
            Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now());
            if (age.toSeconds() > 30) {
                spec.commandLine()
                        .getErr()
                        .println("scriptgram: " + file + " is " + age.toSeconds() + " s old: the host may have died");
            }
            String text = Files.readString(file);
            if (account == null) {
                spec.commandLine().getOut().println(text);
                return;
            }
            ObjectMapper json = new ObjectMapper();
            for (JsonNode a : json.readTree(text).path("accounts")) {
                if (a.path("name").asText().equals(account)) {
                    spec.commandLine()
                            .getOut()
                            .println(json.writerWithDefaultPrettyPrinter().writeValueAsString(a));
                    return;
                }
            }
            throw new UserError("the running host has no account '" + account + "'");
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
