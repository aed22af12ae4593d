package io.scriptgram.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.store.PostgresServer;
import io.scriptgram.store.PostgresSettings;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.testing.CutProxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A host whose database goes silent stops its account before another host can take it: the keeper fences at two thirds
 * of the lease, the database lets the lease go only at its end.
 */
class LeaseKeeperTest {
    private static final Duration LEASE = Duration.ofSeconds(6);

    @Test
    void aHostCutOffFromTheDatabaseStopsBeforeAnotherTakesTheAccount() throws Exception {
        PostgresSettings database = PostgresServer.shared().newDatabase();
        String account = "kept";
        CountDownLatch acquired = new CountDownLatch(1), fenced = new CountDownLatch(1);
        AtomicLong fencedAt = new AtomicLong();
        try (PostgresStore direct = PostgresStore.open(database);
                CutProxy proxy = new CutProxy(database.port());
                PostgresStore viaProxy = PostgresStore.open(new PostgresSettings(
                        "127.0.0.1", proxy.port(), database.database(), database.user(), null, Duration.ofSeconds(5)));
                Leases cutOff = new Leases(viaProxy, "host-a", LEASE);
                Leases other = new Leases(direct, "host-b", LEASE)) {
            LeaseKeeper keeper = new LeaseKeeper(cutOff, account, new LeaseKeeper.Listener() {
                @Override
                public void acquired(Lease lease) {
                    acquired.countDown();
                }

                @Override
                public void fenced(String a, String why) {
                    fencedAt.set(System.nanoTime());
                    fenced.countDown();
                }
            });
            try (keeper) {
                keeper.start();
                assertTrue(acquired.await(30, TimeUnit.SECONDS), "the keeper took the free lease");
                // It keeps the lease across several renews while the database answers.
                assertEquals(Optional.empty(), other.acquire(account));
                long until = System.nanoTime() + LEASE.toNanos();
                while (System.nanoTime() - until < 0) {
                    assertEquals(Optional.empty(), other.acquire(account), "renewed: never free");
                    LockSupport.parkNanos(200_000_000); // between polls
                }
                assertTrue(keeper.current().isPresent());

                proxy.silence();
                Optional<Lease> taken = Optional.empty();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (taken.isEmpty() && System.nanoTime() - deadline < 0) {
                    taken = other.acquire(account);
                    if (taken.isEmpty()) LockSupport.parkNanos(50_000_000); // between polls
                }
                long takenAt = System.nanoTime();
                assertTrue(taken.isPresent(), "the other host took the account after the expiry");
                assertTrue(fenced.await(0, TimeUnit.SECONDS), "the cut-off host had stopped by then");
                assertTrue(
                        takenAt - fencedAt.get() > 0,
                        "stopped " + (takenAt - fencedAt.get()) / 1_000_000 + " ms before the takeover");
                assertEquals(Optional.empty(), keeper.current());
            }
        }
    }
}
