package io.scriptgram.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scriptgram.config.Config;
import io.scriptgram.host.AccountLabel;
import io.scriptgram.host.AccountStores;
import io.scriptgram.host.Host;
import io.scriptgram.store.SelfUser;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code accounts}: each account of config.yml with its state: running (and as whom) or failed in the running host,
 * else logged in as whom, or not logged in. Never a phone number.
 */
@Command(
        name = "accounts",
        description = "Lists the accounts of config.yml: running, logged in as whom, or not logged in.")
public final class AccountsCommand implements Runnable {
    /** A status file older than this is a host that has died (it is rewritten every 5 s). */
    private static final Duration FRESH = Duration.ofSeconds(30);

    @Mixin
    ConfigOption config;

    @Mixin
    SchemaOption schema;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        Config cfg = config.load();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, JsonNode> running = running(Host.statusFile(cfg));
        TlSchema s = null;
        int width = cfg.accounts().byName().keySet().stream()
                .mapToInt(String::length)
                .max()
                .orElse(4);
        for (Config.Account a : cfg.accounts().byName().values()) {
            Config view = cfg.forAccount(a.name());
            String state;
            JsonNode r = running.get(a.name());
            if (r != null) {
                state = switch (r.path("state").asText()) {
                    case "running" -> "running as " + r.path("user").asText();
                    case "starting" -> "starting";
                    case "failed" -> "failed: " + r.path("problem").asText();
                    case "logged_out" ->
                        "logged out while running: " + r.path("problem").asText();
                    default -> r.path("state").asText();
                };
            } else if (a.inProcessSandbox()) {
                state = "not running (in-process sandbox: logs in by itself at run)";
            } else if (!AccountStores.exists(view)) {
                state = "not logged in (no session yet: scriptgram login"
                        + (cfg.accounts().several() ? " --account " + a.name() : "") + ")";
            } else {
                if (s == null) s = schema.load(cfg);
                state = stored(view, s)
                        .map(u -> "logged in as " + u + " (not running)")
                        .orElse("not logged in");
            }
            out.printf(
                    "%-" + width + "s  %-8s %-8s %s%n",
                    a.name(),
                    a.name().equals(cfg.accounts().defaultName()) ? "default" : "",
                    a.mode().name().toLowerCase(),
                    state);
        }
        out.flush();
    }

    /** The accounts of the running host by name, from its status file; empty when none runs. */
    private static Map<String, JsonNode> running(Path status) {
        Map<String, JsonNode> out = new HashMap<>();
        try {
            if (!Files.exists(status)) return out;
            Instant written = Files.getLastModifiedTime(status).toInstant();
            if (Duration.between(written, Instant.now()).compareTo(FRESH) > 0) return out;
            for (JsonNode a :
                    new ObjectMapper().readTree(Files.readString(status)).path("accounts"))
                out.put(a.path("name").asText(), a);
        } catch (IOException | RuntimeException e) {
            // no readable status: nothing runs as far as we can tell
        }
        return out;
    }

    /** The logged-in user kept in the account's session, as a label. */
    private static Optional<String> stored(Config account, TlSchema schema) {
        try (SessionStore store = AccountStores.open(account)) {
            Optional<SelfUser> self = store.session().selfUser();
            if (self.isEmpty() || self.get().user().length == 0) return Optional.empty();
            return Optional.of(
                    AccountLabel.of(new TlCodec(schema).decode(self.get().user())));
        }
    }
}
