package io.scriptgram.cli;

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
import picocli.CommandLine.Spec;

/** {@code status}: what the running host has loaded, when each schedule runs next, and recent errors. */
@Command(
        name = "status",
        description = "Shows what a running `scriptgram run` has loaded, its schedules and recent errors.")
public final class StatusCommand implements Runnable {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Config cfg = config.load();
        Path file = Host.statusFile(cfg);
        try {
            if (!Files.exists(file))
                throw new UserError("no running host (no " + file + "); start one with scriptgram run");
            Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now());
            if (age.toSeconds() > 30) {
                spec.commandLine()
                        .getErr()
                        .println("scriptgram: " + file + " is " + age.toSeconds() + " s old: the host may have died");
            }
            spec.commandLine().getOut().println(Files.readString(file));
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
    }
}
