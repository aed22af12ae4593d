package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.client.Account;
import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.DcDirectory;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.Login;
import io.scriptgram.cluster.LeaseRow;
import io.scriptgram.cluster.Leases;
import io.scriptgram.crypto.RsaPrivateKeys;
import io.scriptgram.net.ServerLimits;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.CallContext;
import io.scriptgram.sandbox.Faults;
import io.scriptgram.sandbox.Handlers;
import io.scriptgram.sandbox.KeyUseLog;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.sandbox.World;
import io.scriptgram.sandbox.WorldLoader;
import io.scriptgram.sandbox.WorldPuppets;
import io.scriptgram.store.PostgresServer;
import io.scriptgram.store.PostgresSettings;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.ScriptStorage;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoredValue;
import io.scriptgram.testing.ChildJvm;
import io.scriptgram.testing.CutProxy;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "done when": three {@code scriptgram run} processes (separate JVMs started with the CLI's main class)
 * share 30 sandbox accounts through leases in one PostgreSQL, each account with a JS script that stores one mark per
 * message. The hosts first spread the accounts evenly; then one is killed with SIGKILL and the others take its
 * accounts; a new host joins and takes its share by hand-over; then one host's database connection is reset, and
 * another's goes silent. Through all of it: every account runs again within the lease time after its lease came free,
 * every message is stored exactly once, and the sandbox saw no auth key used on two connections at overlapping times.
 *
 * <p>The lease is 10 s here instead of the default 15 s, to keep the test short on 2 cores (with a margin for a machine
 * where many builds share them).
 */
class SharedAccountsTest {
    private static final TlSchema SCHEMA = TlSchema.bundled();
    private static final Duration LEASE = Duration.ofSeconds(10);
    /**
     * How soon after a host stops renewing (killed, or cut off from the database) every account it held is held by
     * another. Its last renew was at most a third of a lease before, so its leases expire within one lease. The others
     * count it gone once its announcement (two thirds of a lease, renewed every third) has lapsed and their next count
     * runs, also within one lease, and then try free leases every sixth of a lease. So: the lease, a sixth of it, and 2
     * s for the database round trips and this test's own reading of the table on a machine whose two cores are shared
     * by many builds. (A clean-clone CI run once measured 15.0 s here: the survivors' keepers all tried the freed
     * leases at once and one host took more than its share, which it handed over a balancing tick later. Keepers now
     * check the count inside each attempt, one at a time:
     * LeaseGroupTest.keepersTryingTogetherNeverTakeMoreThanTheShare.)
     */
    private static final Duration TAKEOVER_BOUND =
            LEASE.plus(LEASE.dividedBy(6)).plusSeconds(2);

    private static final int ACCOUNTS = 30;
    private static final long ALICE_ID = 1000002;
    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir; // kept when the test fails: each host's output is in it

    private final List<Process> processes = new ArrayList<>();
    private final Set<Process> killed = ConcurrentHashMap.newKeySet();

    @Test
    void threeHostsShareThirtyAccountsThroughAKillAResetAndASilentDatabase() throws Exception {
        PostgresSettings db = PostgresServer.shared().newDatabase();
        SecureRandom random = new SecureRandom();
        World world = WorldLoader.loadDefault(InstantSource.system(), random);
        RSAPrivateKey key = (RSAPrivateKey) RsaPrivateKeys.generate(random).getPrivate();
        ServerLimits d = ServerLimits.defaults();
        ServerLimits limits = new ServerLimits(d.firstByteTimeout(), d.frameTimeout(), d.maxFrameBytes(), 1000);
        try (SandboxServer sandbox = new SandboxServer(
                                world,
                                Handlers.standard(world, new Faults()),
                                key,
                                SCHEMA,
                                InstantSource.system(),
                                random,
                                limits)
                        .start(0);
                PostgresStore store = PostgresStore.open(db);
                CutProxy toReset = new CutProxy(db.port());
                CutProxy toSilence = new CutProxy(db.port())) {
            Path pub = dir.resolve("sandbox.pub.pem");
            Files.writeString(pub, sandbox.publicKey().toPem());
            Map<String, Long> users = logIn(sandbox, store);
            Path scripts = dir.resolve("scripts");
            Files.createDirectories(scripts);
            Files.writeString(scripts.resolve("marks.js"), """
                    // accounts: *
                    on('message', m => {
                      if (m.out) return;
                      const key = (m.text.startsWith('probe-') ? 'p.' : 'm.') + m.text;
                      storage.set(key, storage.get(key, 0) + 1);
                    });
                    """);

            Process a = host("a", sandbox, pub, db.port(), db);
            Process b = host("b", sandbox, pub, toReset.port(), db);
            Process c = host("c", sandbox, pub, toSilence.port(), db);
            Map<String, Integer> spread = awaitHeld(store, 3, "the three hosts spread the 30 accounts evenly");
            System.out.println("shared accounts: spread " + spread.values());

            Sender sender = new Sender(sandbox, users);
            awaitListening(store, sender);
            Thread sending = Thread.ofPlatform().name("sender").start(sender);
            try {
                awaitStored(store, sender, "the first messages stored");

                // 1. SIGKILL: the other two take the killed host's accounts once its leases expire.
                Set<String> killedHolds = holdersOf(store, pidOf(a));
                long killedAt = System.nanoTime();
                killed.add(a);
                a.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
                awaitHeld(store, 2, "the survivors took the killed host's accounts");
                long takeover = (System.nanoTime() - killedAt) / 1_000_000;
                awaitStored(store, sender, "every account ran again after the kill");
                long running = (System.nanoTime() - killedAt) / 1_000_000;
                System.out.println("shared accounts: after SIGKILL, " + killedHolds.size() + " accounts held again in "
                        + takeover + " ms and all running in " + running + " ms (lease " + LEASE.toMillis() + " ms)");
                assertTrue(
                        takeover <= TAKEOVER_BOUND.toMillis(),
                        "taken over within the lease, a poll and the margin (" + takeover + " ms, bound "
                                + TAKEOVER_BOUND.toMillis() + " ms)");

                // 2. A new host joins: the others hand accounts over until the spread is even.
                Process a2 = host("a2", sandbox, pub, db.port(), db);
                spread = awaitHeld(store, 3, "a new host took its share by hand-over");
                System.out.println("shared accounts: after a host joined, spread " + spread.values());
                awaitStored(store, sender, "every account runs after the hand-over");

                // 3. One host's database connections are reset (and new ones refused).
                long cutAt = System.nanoTime();
                toReset.reset();
                awaitHeld(store, 2, "the others took the accounts of the host cut off by a reset");
                long afterReset = (System.nanoTime() - cutAt) / 1_000_000;
                System.out.println("shared accounts: after a reset, taken over in " + afterReset + " ms");
                assertTrue(afterReset <= TAKEOVER_BOUND.toMillis(), "after a reset: " + afterReset + " ms");
                awaitStored(store, sender, "every account runs after the reset");

                // 4. Another host's database goes silent.
                cutAt = System.nanoTime();
                toSilence.silence();
                awaitHeld(store, 1, "the last host took the accounts of the host whose database went silent");
                long afterSilence = (System.nanoTime() - cutAt) / 1_000_000;
                System.out.println("shared accounts: after a silent drop, taken over in " + afterSilence + " ms");
                assertTrue(afterSilence <= TAKEOVER_BOUND.toMillis(), "after a silent drop: " + afterSilence + " ms");
                awaitStored(store, sender, "every account runs after the silent drop");
            } finally {
                sender.stop();
                sending.join(30_000);
            }
            awaitAllStored(store, sender);
            assertExactlyOnce(store, sender);

            List<List<KeyUseLog.Use>> overlaps = sandbox.keyUses().overlaps();
            assertEquals(List.of(), overlaps, "no auth key was used on two connections at once");
            System.out.println("shared accounts: " + sender.total() + " messages stored once each; "
                    + sandbox.keyUses().uses().size() + " key uses, no overlap");
        } finally {
            for (Process p : processes) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String name(int i) {
        return String.format("acc%02d", i);
    }

    /** Logs every account in once (a new sandbox user each), its key and session stored in PostgreSQL. */
    private Map<String, Long> logIn(SandboxServer sandbox, PostgresStore store) throws Exception {
        Map<String, Long> users = new LinkedHashMap<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String name = name(i);
            ClientSettings settings = ClientSettings.of(
                            4, "sandbox", TransportChoice.parse("intermediate"), List.of(sandbox.publicKey()))
                    .withRequestTimeout(Duration.ofSeconds(30));
            try (Account account = Account.open(new Account.Options(
                    settings,
                    SCHEMA,
                    new DcDirectory(1, new Endpoint("127.0.0.1", sandbox.port(1))),
                    store.session(name),
                    InstantSource.system(),
                    new SecureRandom()))) {
                Login login = account.login();
                String phone = "+999 77 1 10" + String.format("%02d", i);
                login.sendCode(phone).get(60, TimeUnit.SECONDS);
                Login.Step step = login.signIn(sandbox.world().loginCode()).get(60, TimeUnit.SECONDS);
                if (step instanceof Login.Step.NeedSignUp)
                    step = login.signUp("Shared", name).get(60, TimeUnit.SECONDS);
                assertInstanceOf(Login.Step.Done.class, step, name + " logged in");
                users.put(name, account.self().orElseThrow().getLong("id"));
            }
        }
        return users;
    }

    private Process host(String name, SandboxServer sandbox, Path pub, int dbPort, PostgresSettings db)
            throws IOException {
        Path home = dir.resolve("host-" + name);
        Files.createDirectories(home);
        StringBuilder accounts = new StringBuilder();
        for (int i = 0; i < ACCOUNTS; i++) accounts.append("  ").append(name(i)).append(": {}\n");
        Files.writeString(home.resolve("config.yml"), """
                mode: sandbox
                dc: 127.0.0.1:%d
                store:
                  url: postgresql://%s@127.0.0.1:%d/%s
                  lease: %ds
                console: off
                sandbox:
                  public_key: %s
                scripts:
                  dirs: [%s]
                  plugins: plugins
                  hot_reload: false
                accounts:
                %s""".formatted(
                        sandbox.port(1),
                        db.user(),
                        dbPort,
                        db.database(),
                        LEASE.toSeconds(),
                        pub,
                        dir.resolve("scripts"),
                        accounts));
        List<String> cmd = ChildJvm.withDefaultSignals(List.of(
                ChildJvm.java(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run"));
        Process p = new ProcessBuilder(cmd)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("output.log").toFile())
                .start();
        processes.add(p);
        return p;
    }

    private static String pidOf(Process p) {
        return "/" + p.pid() + "/";
    }

    private static Set<String> holdersOf(PostgresStore store, String pidPart) {
        return Leases.read(store, Duration.ofSeconds(10)).stream()
                .filter(r -> r.live() && r.holder() != null && r.holder().contains(pidPart))
                .map(LeaseRow::account)
                .collect(Collectors.toSet());
    }

    /**
     * Waits until every account's lease is live and held by exactly {@code hosts} hosts whose counts differ by at most
     * one; returns holder → count.
     */
    private Map<String, Integer> awaitHeld(PostgresStore store, int hosts, String what) {
        Map<String, Integer>[] last = new Map[1];
        waitFor(
                () -> {
                    List<LeaseRow> rows = Leases.read(store, Duration.ofSeconds(10));
                    Map<String, Integer> by = new TreeMap<>();
                    int live = 0;
                    for (LeaseRow r : rows) {
                        if (!r.live() || r.holder() == null) continue;
                        live++;
                        by.merge(r.holder(), 1, Integer::sum);
                    }
                    last[0] = by;
                    if (live != ACCOUNTS || by.size() != hosts) return false;
                    int min = by.values().stream().min(Integer::compare).orElse(0);
                    int max = by.values().stream().max(Integer::compare).orElse(0);
                    return max - min <= 1;
                },
                () -> what + " (holders now: " + last[0] + ")");
        return last[0];
    }

    /** Sends one message to each account after another, a round every second, from Alice; remembers what it sent. */
    private static final class Sender implements Runnable {
        private final WorldPuppets world;
        private final CallContext asAlice;
        private final Map<String, Long> users;
        private final Map<String, List<String>> sent = new ConcurrentHashMap<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private volatile int rounds;

        Sender(SandboxServer sandbox, Map<String, Long> users) {
            this.world = new WorldPuppets(sandbox);
            this.asAlice = world.sessionOf(world.user(Long.toString(ALICE_ID)));
            this.users = users;
            for (String a : users.keySet()) sent.put(a, new ArrayList<>());
        }

        @Override
        public void run() {
            while (!stop.get()) {
                int round = rounds;
                for (String account : users.keySet()) {
                    String text = account + "-" + round;
                    send(account, text);
                    synchronized (sent) {
                        sent.get(account).add(text);
                    }
                }
                rounds = round + 1;
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos()); // the pace of the stream, not a wait
            }
        }

        /** Alice's own app sends it, through the handlers a client reaches. */
        void send(String account, String text) {
            world.call(
                    asAlice,
                    "messages.sendMessage",
                    Map.of(
                            "peer",
                            world.inputPeer(world.user(Long.toString(users.get(account)))),
                            "message",
                            text,
                            "random_id",
                            ThreadLocalRandom.current().nextLong()));
        }

        void stop() {
            stop.set(true);
        }

        int rounds() {
            return rounds;
        }

        Map<String, List<String>> sent() {
            synchronized (sent) {
                Map<String, List<String>> copy = new HashMap<>();
                sent.forEach((k, v) -> copy.put(k, List.copyOf(v)));
                return copy;
            }
        }

        int total() {
            return sent().values().stream().mapToInt(List::size).sum();
        }
    }

    /** Waits until, for every account, a message sent from now on has been stored: every account runs. */
    /**
     * Waits until every account's script hears new messages, probing each (at most once a second) until it has. Leases
     * held are not enough: a host starts an account after it holds its lease, and an account's first start begins its
     * update stream at the state it finds, as a fresh session does, so what was sent while it started is not delivered.
     * Probes are stored apart from the stream under test.
     */
    private void awaitListening(PostgresStore store, Sender sender) {
        Set<String> heard = new HashSet<>();
        Map<String, Long> probed = new HashMap<>();
        waitFor(
                () -> {
                    for (int i = 0; i < ACCOUNTS; i++) {
                        String a = name(i);
                        if (heard.contains(a)) continue;
                        try (SessionStore s = store.session(a)) {
                            if (!s.scripts().keys("marks", "p.").isEmpty()) {
                                heard.add(a);
                                continue;
                            }
                        }
                        Long last = probed.get(a);
                        if (last == null || System.nanoTime() - last > 1_000_000_000L) {
                            sender.send(a, "probe-" + a + "-" + probed.size());
                            probed.put(a, System.nanoTime());
                        }
                    }
                    return heard.size() == ACCOUNTS;
                },
                () -> "every account's script hears new messages (" + heard.size() + " of " + ACCOUNTS + " do)");
    }

    private void awaitStored(PostgresStore store, Sender sender, String what) {
        int from = sender.rounds() + 1;
        List<String> missing = new ArrayList<>();
        waitFor(
                () -> {
                    missing.clear();
                    for (int i = 0; i < ACCOUNTS; i++) {
                        String a = name(i);
                        if (stored(store, a, a + "-" + from).isEmpty()) missing.add(a);
                    }
                    return missing.isEmpty();
                },
                () -> what + " (message round " + from + "; not stored by " + missing + ")");
    }

    private void awaitAllStored(PostgresStore store, Sender sender) {
        Map<String, List<String>> sent = sender.sent();
        waitFor(
                () -> {
                    for (Map.Entry<String, List<String>> e : sent.entrySet()) {
                        ScriptStorage kv = store.session(e.getKey()).scripts();
                        if (kv.keys("marks", "m.").size() < e.getValue().size()) return false;
                    }
                    return true;
                },
                () -> "every message sent was stored");
    }

    private static void assertExactlyOnce(PostgresStore store, Sender sender) {
        for (Map.Entry<String, List<String>> e : sender.sent().entrySet()) {
            try (SessionStore s = store.session(e.getKey())) {
                ScriptStorage kv = s.scripts();
                List<String> keys = kv.keys("marks", "m.");
                assertEquals(
                        e.getValue().stream().map(t -> "m." + t).sorted().toList(),
                        keys.stream().sorted().toList(),
                        e.getKey() + ": one mark per message sent, none other");
                for (String k : keys)
                    assertEquals(
                            Optional.of(StoredValue.json("1")),
                            kv.get("marks", k),
                            e.getKey() + " " + k + " stored once");
            }
        }
    }

    private static Optional<StoredValue> stored(PostgresStore store, String account, String text) {
        try (SessionStore s = store.session(account)) {
            return s.scripts().get("marks", "m." + text);
        }
    }

    private void waitFor(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            for (Process p : processes) {
                if (!p.isAlive() && !killed.contains(p))
                    fail("host process " + p.pid() + " exited by itself (" + p.exitValue() + "); its output is under "
                            + dir);
            }
            if (System.nanoTime() - deadline > 0)
                fail("timed out after " + WAIT.toSeconds() + " s: " + what.get() + " (hosts' output under " + dir
                        + ")");
            LockSupport.parkNanos(200_000_000); // between polls of the database
        }
    }
}
