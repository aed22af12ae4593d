package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigException;
import io.scriptgram.console.Console;
import io.scriptgram.host.AccountHost;
import io.scriptgram.host.AccountLabel;
import io.scriptgram.host.Connection;
import io.scriptgram.host.Host;
import io.scriptgram.host.UserError;
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.plugin.ScriptPlugins;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.tl.TlSchema;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code run}: the product's main job — the account, every script and plugin, schedules and hot reload, until Ctrl-C.
 */
@Command(
        name = "run",
        description = "Runs the host: connects, loads scripts/ and plugins/, reacts to updates and "
                + "schedules, reloads on change; Ctrl-C stops it.")
public final class RunCommand implements Runnable {
    @Mixin
    ConfigOption config;

    @Mixin
    SchemaOption schema;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--account",
            paramLabel = "NAME",
            split = ",",
            description = "Run only these accounts of config.yml (repeat or separate with commas). Default: all.")
    List<String> accounts = new ArrayList<>();

    @Override
    public void run() {
        Config cfg = config.load();
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        CountDownLatch stop = new CountDownLatch(1);
        // Our own SIGINT/SIGTERM handling so the cleanup runs on this thread and the exit status is 0.
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(sig), s -> stop.countDown());
            } catch (IllegalArgumentException unsupported) {
                // not on this platform: the JVM's default handling stays
            }
        }
        Instant started = Instant.now();
        TlSchema tl = schema.load(cfg);
        Host host;
        try {
            host = Host.start(cfg, tl, accounts);
        } catch (ConfigException e) {
            throw new UserError(e.getMessage(), e);
        }
        out.println(summary(host, (System.nanoTime() - t0) / 1_000_000));
        Console console = null;
        if (cfg.console().enabled() && host.sharesAccounts()) {
            // The console binds to the default account's scripts and store once; a leased account moves between hosts.
            out.println("scriptgram: console not started: it does not follow accounts shared by lease yet");
        } else if (cfg.console().enabled()) {
            try {
                console = Console.start(cfg.console(), HostConsole.of(host, tl, started));
                out.println(console.server().banner());
            } catch (RuntimeException e) {
                // The host runs on without its console: say why, once.
                out.println("scriptgram: console not started: " + e.getMessage());
            }
        }
        out.flush();
        ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status");
            t.setDaemon(true);
            return t;
        });
        status.scheduleAtFixedRate(host::writeStatus, 0, 5, TimeUnit.SECONDS);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println("scriptgram: stopping (unloading scripts)");
        out.flush();
        status.shutdownNow();
        if (console != null) console.close();
        host.close();
        out.println("scriptgram: stopped");
        out.flush();
    }

    static String summary(Host host, long startMillis) {
        StringBuilder b = new StringBuilder();
        List<AccountHost> all = host.accounts();
        AccountHost first = all.get(0);
        b.append("scriptgram: ready in ").append(startMillis).append(" ms as ").append(user(first));
        if (host.sandbox() != null) {
            b.append(" on the in-process sandbox (DC 1 at 127.0.0.1:")
                    .append(host.sandbox().port(1))
                    .append(')');
        }
        b.append('\n');
        int handlers = 0, scripts = 0, schedules = host.scheduler().jobs().size();
        for (AccountHost a : all) {
            boolean several = all.size() > 1;
            if (several) {
                b.append("  account ")
                        .append(a.name())
                        .append(a.isDefault() ? " (default)" : "")
                        .append(": ");
                b.append(
                        switch (a.state()) {
                            case RUNNING, STARTING -> "running as " + user(a);
                            case FAILED -> "FAILED: " + a.problem();
                            case LOGGED_OUT -> "LOGGED OUT: " + a.problem();
                            case WAITING -> "waiting for its lease (another host may run it)";
                            case STOPPED -> "stopped";
                        });
                b.append('\n');
            }
            if (a.plugins() == null) continue;
            String indent = several ? "    " : "  ";
            for (PluginManager.Active p : a.plugins().active()) {
                ScriptHandle h = ScriptPlugins.handleOf(p.loaded());
                int n = h == null ? 0 : h.handlerCount();
                handlers += n;
                scripts++;
                // 200 accounts running one plugin each: one line per account is enough
                if (several && all.size() > 10) continue;
                b.append(indent)
                        .append("loaded ")
                        .append(p.manifest().label())
                        .append(": ")
                        .append(n)
                        .append(" handler(s)\n");
            }
            for (PluginManager.Problem p : a.plugins().recentProblems())
                b.append(indent)
                        .append("FAILED ")
                        .append(p.plugin())
                        .append(": ")
                        .append(p.message())
                        .append('\n');
        }
        b.append("  ");
        if (all.size() > 1) b.append(all.size()).append(" accounts, ");
        b.append(scripts)
                .append(" script(s), ")
                .append(handlers)
                .append(" handler(s), ")
                .append(schedules)
                .append(" schedule(s); hot reload ")
                .append(host.hotReload() ? "watching for changes" : "off (scripts.hot_reload: false)")
                .append("; Ctrl-C stops");
        return b.toString();
    }

    private static String user(AccountHost a) {
        Connection c = a.connection();
        return c == null || a.state() == AccountHost.State.FAILED
                ? "(not logged in)"
                : c.account().self().map(AccountLabel::of).orElse("(not logged in)");
    }
}
