package io.scriptgram.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.store.PostgresServer;
import io.scriptgram.store.PostgresStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Hosts balance by count: a host alone takes every account; a second one gets half, each handed over after a drain. */
class LeaseGroupTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final List<String> ACCOUNTS = List.of("g1", "g2", "g3", "g4", "g5");

    @Test
    void theShareIsTheCountOfAccountsOverTheHostsRoundedUp() {
        assertEquals(5, LeaseGroup.share(5, 1));
        assertEquals(3, LeaseGroup.share(5, 2));
        assertEquals(10, LeaseGroup.share(30, 3));
        assertEquals(15, LeaseGroup.share(30, 2));
        assertEquals(5, LeaseGroup.share(5, 0), "before any host is counted: all");
    }

    /** What one host runs, as its listener sees it: an account drained is stopped before its lease is released. */
    private static final class Host implements LeaseGroup.Listener {
        final Set<String> running = ConcurrentHashMap.newKeySet();
        final Set<String> drained = ConcurrentHashMap.newKeySet();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public void acquired(Lease lease) {
            running.add(lease.account());
            most.accumulateAndGet(running.size(), Math::max);
        }

        @Override
        public void fenced(String account, String why) {
            running.remove(account);
        }

        @Override
        public boolean drain(String account) {
            running.remove(account);
            drained.add(account);
            return true;
        }
    }

    @Test
    void aNewHostTakesItsShareByHandOverAndTheOtherTakesAllBackWhenItLeaves() {
        try (PostgresStore store = PostgresStore.open(PostgresServer.shared().newDatabase())) {
            Host first = new Host(), second = new Host();
            LeaseGroup a = new LeaseGroup(new Leases(store, "host-a", LEASE), ACCOUNTS, first).start();
            try {
                waitFor(() -> first.running.size() == 5, "a host alone takes every account");
                LeaseGroup b = new LeaseGroup(new Leases(store, "host-b", LEASE), ACCOUNTS, second).start();
                try {
                    waitFor(
                            () -> first.running.size() == 3 && second.running.size() == 2,
                            "the spread becomes even: 3 and 2 (now " + first.running + " and " + second.running + ")");
                    assertEquals(2, first.drained.size(), "the first host drained what it handed over");
                    assertEquals(Set.copyOf(second.running), Set.copyOf(first.drained));
                } finally {
                    b.stopAcquiring();
                    b.close(); // gives its leases back and withdraws
                }
                waitFor(() -> first.running.size() == 5, "the remaining host takes every account back");
            } finally {
                a.close();
            }
        }
    }

    /**
     * Two hosts started together count each other and find every lease free at the same moment: their keepers all try
     * at once, and each host must stop at its share instead of taking more and handing the extra over later.
     */
    @Test
    void keepersTryingTogetherNeverTakeMoreThanTheShare() {
        List<String> many = IntStream.rangeClosed(1, 24).mapToObj(i -> "s" + i).toList();
        try (PostgresStore store = PostgresStore.open(PostgresServer.shared().newDatabase())) {
            Host first = new Host(), second = new Host();
            Leases ofA = new Leases(store, "host-a", LEASE), ofB = new Leases(store, "host-b", LEASE);
            ofB.announce(); // both are live before either counts, however slow the start
            LeaseGroup a = new LeaseGroup(ofA, many, first).start();
            LeaseGroup b = new LeaseGroup(ofB, many, second).start();
            try {
                waitFor(
                        () -> first.running.size() + second.running.size() == 24,
                        "the two hosts hold every account (now " + first.running.size() + " and "
                                + second.running.size() + ")");
                assertEquals(12, a.share());
                assertEquals(12, b.share());
                assertTrue(first.most.get() <= 12, "the first host held " + first.most + " at most, share 12");
                assertTrue(second.most.get() <= 12, "the second host held " + second.most + " at most, share 12");
                assertEquals(Set.of(), first.drained, "nothing had to be handed over");
                assertEquals(Set.of(), second.drained, "nothing had to be handed over");
            } finally {
                b.stopAcquiring();
                a.stopAcquiring();
                b.close();
                a.close();
            }
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) fail("timed out: " + what);
            LockSupport.parkNanos(50_000_000); // between polls of the hosts' state
        }
    }
}
