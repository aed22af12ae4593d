package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.console.Console;
import io.scriptgram.host.AccountLabel;
import io.scriptgram.host.Host;
import io.scriptgram.plugin.PluginManager;
import io.scriptgram.plugin.ScriptPlugins;
import io.scriptgram.script.ScriptHandle;
import io.scriptgram.tl.TlSchema;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
        Host host = Host.start(cfg, tl);
        out.println(summary(host, (System.nanoTime() - t0) / 1_000_000));
        Console console = null;
        if (cfg.console().enabled()) {
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
        b.append("scriptgram: ready in ")
                .append(startMillis)
                .append(" ms as ")
                .append(host.account().self().map(AccountLabel::of).orElse("(not logged in)"));
        if (host.connection().localSandbox() != null) {
            b.append(" on the in-process sandbox (DC 1 at 127.0.0.1:")
                    .append(host.connection().localSandbox().port(1))
                    .append(')');
        }
        b.append('\n');
        int handlers = 0, schedules = host.scheduler().jobs().size();
        for (PluginManager.Active a : host.plugins().active()) {
            ScriptHandle h = ScriptPlugins.handleOf(a.loaded());
            int n = h == null ? 0 : h.handlerCount();
            handlers += n;
            b.append("  loaded ")
                    .append(a.manifest().label())
                    .append(": ")
                    .append(n)
                    .append(" handler(s)\n");
        }
        for (PluginManager.Problem p : host.plugins().recentProblems())
            b.append("  FAILED ")
                    .append(p.plugin())
                    .append(": ")
                    .append(p.message())
                    .append('\n');
        b.append("  ")
                .append(host.plugins().active().size())
                .append(" script(s), ")
                .append(handlers)
                .append(" handler(s), ")
                .append(schedules)
                .append(" schedule(s); hot reload ")
                .append(host.hotReload() ? "watching for changes" : "off (scripts.hot_reload: false)")
                .append("; Ctrl-C stops");
        return b.toString();
    }
}
