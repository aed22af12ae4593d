package io.scriptgram.bench;

import com.sun.management.OperatingSystemMXBean;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.AccountHost;
import io.scriptgram.host.Host;
import io.scriptgram.host.UserError;
import io.scriptgram.sandbox.Sandbox;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code scriptgram bench accounts}: many sandbox accounts in one host, each running a small plugin. For JS (200
 * accounts; 20 with {@code --quick}) and Python (10; 3): the time from {@code Host.start} to every account ready
 * (logged in on the in-process sandbox, plugin loaded, updates caught up), and the heap each idle logged-in account
 * adds after GC, measured against a host with one account (which holds the engine, the sandbox and the schema). The
 * in-process sandbox's state for each account (its user, key and session) is in that figure too: a little more than the
 * client's own share.
 */
public final class AccountsBench implements Bench {
    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public String description() {
        return "200 sandbox accounts in one host, each with a small JS plugin (10 with Python): time until all are"
                + " ready, heap per idle logged-in account after GC";
    }

    /** The plugin every account runs: a handler and a storage counter, as a small real plugin would have. */
    private static final String JS = """
            on("message", {incoming: true}, async (m) => {
              await storage.set("seen", ((await storage.get("seen")) ?? 0) + 1);
            });
            """;

    private static final String PY = """
            @on("message", incoming=True)
            def seen(m, info):
                storage.set("seen", (storage.get("seen") or 0) + 1)
            """;

    /**
     * The heap the full run needs (200 JS accounts, then 10 Python ones, with the engine, sandbox and schema), with
     * room to spare; measured needs: about 170 MB after GC for the JS host, far more while Python contexts start.
     */
    private static final long NEEDS_MB = 1024, NEEDS_QUICK_MB = 512;

    /** A host start that takes longer than this has gone wrong (200 accounts take well under a minute). */
    private static final long DEADLINE_S = 600;

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        long max = Runtime.getRuntime().maxMemory() >> 20, needs = quick ? NEEDS_QUICK_MB : NEEDS_MB;
        if (max < needs)
            throw new UserError("bench accounts needs at least " + needs + " MB of heap and this JVM has "
                    + max + " MB: run it with SCRIPTGRAM_HEAP=2g (bin/scriptgram leaves bench's heap uncapped unless"
                    + " SCRIPTGRAM_HEAP is set)");
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        Logger root = Logger.getLogger("");
        Level was = root.getLevel();
        root.setLevel(Level.WARNING); // a line per account and plugin would bury the table
        try {
            measure("js", quick ? 20 : 200, out);
            measure("py", quick ? 3 : 10, out);
        } finally {
            root.setLevel(was);
        }
        out.put("accounts_target_heap_per_account_kb", 1024.0);
        out.put("accounts_target_ready_s_for_200", 20.0);
        out.put("accounts_cores", (double) Runtime.getRuntime().availableProcessors());
        return out;
    }

    private static void measure(String lang, int accounts, Map<String, Double> out) throws Exception {
        Path dir = Files.createTempDirectory("scriptgram-bench-accounts");
        try {
            Path plugin = Files.createDirectories(dir.resolve("plugins/small"));
            Files.writeString(plugin.resolve("plugin.yml"), "accounts: \"*\"\nentry: main." + lang + "\n");
            Files.writeString(plugin.resolve("main." + lang), lang.equals("js") ? JS : PY);
            // The sandbox key: made once per install, not per start.
            Sandbox.start(
                            new Sandbox.Options(0, null, dir.resolve("k.pem"), null, "12345", List.of(), null),
                            HostBenchSupport.SCHEMA)
                    .close();
            Path one = config(dir, "one.yml", 1), many = config(dir, "many.yml", accounts);

            // One account first (also pays the language's first context), then the same host with many.
            long base;
            try (Host host = StartWatch.run("accounts", lang + ": 1 account", DEADLINE_S, () -> start(one, 1))) {
                base = heapAfterGc();
            }
            System.err.printf("bench accounts: %s: starting %d accounts%n", lang, accounts);
            long cpu0 = processCpuNanos(), t0 = System.nanoTime();
            try (Host host = StartWatch.run(
                    "accounts", lang + ": " + accounts + " accounts", DEADLINE_S, () -> start(many, accounts))) {
                double readyS = (System.nanoTime() - t0) / 1e9;
                double cpuS = (processCpuNanos() - cpu0) / 1e9;
                System.err.printf("bench accounts: %s: %d accounts ready in %.1f s%n", lang, accounts, readyS);
                long heap = heapAfterGc();
                out.put("accounts_" + lang + "_count", (double) accounts);
                out.put("accounts_" + lang + "_ready_s", readyS);
                // CPU time is what a busy, shared machine does not distort: on an idle one the start takes about
                // this divided by the cores (it runs side by side).
                out.put("accounts_" + lang + "_ready_cpu_s", cpuS);
                out.put("accounts_" + lang + "_heap_per_account_kb", (heap - base) / 1024.0 / (accounts - 1));
                out.put("accounts_" + lang + "_heap_one_account_mb", base / 1048576.0);
            }
        } finally {
            HostBenchSupport.delete(dir);
        }
    }

    private static Host start(Path config, int accounts) {
        Host host = Host.start(ConfigLoader.load(config, Map.of()), HostBenchSupport.SCHEMA);
        for (AccountHost a : host.accounts()) {
            if (a.state() != AccountHost.State.RUNNING
                    || a.plugins().active().size() != 1
                    || !a.plugins().recentProblems().isEmpty()) {
                host.close();
                throw new IllegalStateException(a.name() + " is not ready: " + a.state() + " " + a.problem() + ", "
                        + (a.plugins() == null ? "" : a.plugins().recentProblems()));
            }
        }
        if (host.accounts().size() != accounts)
            throw new IllegalStateException("accounts: " + host.accounts().size());
        return host;
    }

    /**
     * A config.yml with {@code n} accounts on the in-process sandbox: the world's own account and {@code n - 1} phones
     * it does not know, each signed up as a new user on its first login.
     */
    private static Path config(Path dir, String name, int n) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("mode: sandbox\n")
                .append("sandbox: {chatter: false, key: k.pem}\n")
                .append("scripts: {dirs: [], plugins: plugins, hot_reload: false}\n")
                .append("accounts:\n")
                .append("  main: {session: ")
                .append(name)
                .append("-data/main.session}\n");
        for (int i = 1; i < n; i++) {
            b.append(String.format("  a%03d: {phone: \"+999 66 1 5%03d\", session: ", i, i))
                    .append(name)
                    .append(String.format("-data/a%03d.session}%n", i));
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    /** CPU time of the whole process so far (every thread), or 0 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? Math.max(0, os.getProcessCpuTime())
                : 0;
    }

    /** Heap in use once collections stop freeing anything (a few rounds: finalizers and soft references). */
    static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100); // lets reference handlers and cleaners run between collections
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= last - (256 << 10)) return Math.min(used, last);
            last = used;
        }
        return last;
    }
}
