package io.scriptgram.cli;

import io.scriptgram.chat.CommandMatcher;
import io.scriptgram.client.Account;
import io.scriptgram.config.Config;
import io.scriptgram.host.AccountFiles;
import io.scriptgram.host.AccountHost;
import io.scriptgram.host.Connection;
import io.scriptgram.host.Host;
import io.scriptgram.host.UserError;
import io.scriptgram.script.ScriptException;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.script.ScriptHost;
import io.scriptgram.script.ScriptSpec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code exec FILE [--sandbox]}: runs one script once against the configured account (or, with {@code --sandbox}, an
 * account on a fresh in-process sandbox: the same account layer either way, so peers by @username, updates and files
 * work alike) and exits 0 when it finished without an error, 1 otherwise. The script's log goes to the console.
 */
@Command(name = "exec", description = "Runs one script (.js or .py) once and exits with its status.")
public final class ExecCommand implements Callable<Integer> {
    @Mixin
    SchemaOption schema;

    @Mixin
    ConfigOption config;

    @Mixin
    AccountOption account;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The script to run.")
    Path file;

    @Option(
            names = "--sandbox",
            description =
                    "Run against a fresh in-process sandbox (an offline Telegram) instead of the configured account.")
    boolean sandbox;

    @Option(
            names = "--phone",
            paramLabel = "PHONE",
            description = "Sandbox account to log in as. Default: ${DEFAULT-VALUE}")
    String phone = "+999 66 1 1234";

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "Give up after this long. Default: ${DEFAULT-VALUE}")
    String timeout = "60s";

    @Option(
            names = "--run-limit",
            paramLabel = "DURATION",
            description = "Longest run without yielding. Default: ${DEFAULT-VALUE}")
    String runLimit = "10s";

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) throw new UserError("no such script: " + file);
        Duration wait = CliDurations.parse("--timeout", timeout);
        Duration limit = CliDurations.parse("--run-limit", runLimit);
        if (sandbox) {
            TlSchema s = schema.load(null);
            try (Connection c = Connection.freshSandbox(s, phone, wait)) {
                return onAccount(c.account(), null, wait, limit);
            }
        }
        Config cfg = account.pick(config.load());
        try (Connection c = Connection.open(cfg, schema.load(cfg), false)) {
            return onAccount(c.loggedIn(), cfg, wait, limit);
        }
    }

    /**
     * The script on an account, with updates flowing to its handlers, set up as {@code run} sets up scripts: its files
     * folder, command prefixes and {@code parse_mode} from {@code cfg} (null: the defaults, data/files; an account's
     * own folder with several), and the memory of this host's own sends, so a command's reply that starts with a prefix
     * does not fire it again.
     */
    private int onAccount(Account a, Config cfg, Duration wait, Duration limit) {
        Connection.await(a.startUpdates());
        try (ScriptHost host = new ScriptHost(a.api(), a.updates(), a.store().scripts(), null, limit)) {
            host.setFiles(new AccountFiles(a), cfg == null ? Path.of("data", "files") : AccountHost.filesRoot(cfg));
            host.setSelf(() -> a.self().orElse(null));
            host.setCommands(
                    a.peers(),
                    Host.ownSends(a),
                    cfg == null
                            ? CommandMatcher.DEFAULT_PREFIXES
                            : cfg.scripts().commandPrefixes());
            if (cfg != null) host.setParseMode(cfg.scripts().parseMode());
            return runScript(host, a.self().orElse(null), wait);
        }
    }

    private int runScript(ScriptHost host, TlObject self, Duration wait) {
        ScriptHandle h;
        try {
            h = host.load(ScriptSpec.ofFile(file, Map.of(), self));
        } catch (ScriptException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("scriptgram: " + e.getMessage());
            return 1;
        }
        boolean finished = finish(h, wait);
        h.unload();
        if (!finished) {
            spec.commandLine().getErr().println("scriptgram: " + h.name() + " did not finish within " + timeout);
            return 1;
        }
        for (String e : h.errors()) spec.commandLine().getErr().println("scriptgram: " + h.name() + ": " + e);
        return h.errors().isEmpty() ? 0 : 1;
    }

    /** Waits for the top-level code (and its awaits) and then for every pending call and timer. */
    private static boolean finish(ScriptHandle h, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        try {
            try {
                h.completion().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                return true; // the error is in h.errors()
            }
            h.idle().get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }
}
