package io.scriptgram.cluster;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.store.PostgresServer;
import io.scriptgram.store.PostgresSettings;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.StoreException;
import io.scriptgram.testing.CutProxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Leases on a real PostgreSQL: one holder at a time, taken over only after expiry, a token that only grows. */
class LeasesTest {
    private static final Duration SHORT = Duration.ofSeconds(3);
    private static PostgresSettings database;
    private static PostgresStore store;
    private static int accounts;

    @BeforeAll
    static void start() {
        database = PostgresServer.shared().newDatabase();
        store = PostgresStore.open(database);
    }

    @AfterAll
    static void stop() {
        if (store != null) store.close();
    }

    private static synchronized String account() {
        return "lease-" + ++accounts;
    }

    /** Tries to acquire until it works or {@code within} passes (the lease must first expire on the database). */
    private static Optional<Lease> acquireWithin(Leases leases, String account, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Optional<Lease> got;
        while ((got = leases.acquire(account)).isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(50_000_000); // between polls of the database, not a wait for an event
        }
        return got;
    }

    @Test
    void oneHolderAtATimeAndTheHolderRenews() {
        String account = account();
        try (Leases a = new Leases(store, "host-a", Duration.ofSeconds(30));
                Leases b = new Leases(store, "host-b", Duration.ofSeconds(30))) {
            Lease held = a.acquire(account).orElseThrow();
            assertEquals(1, held.token());
            assertEquals(Optional.empty(), b.acquire(account), "held and not expired");
            assertEquals(Optional.empty(), a.acquire(account), "not even by its holder: it renews instead");
            Lease renewed = a.renew(held).orElseThrow();
            assertFalse(renewed.expires().isBefore(held.expires()), "the expiry moves forward");
            LeaseRow row = a.all().stream()
                    .filter(r -> r.account().equals(account))
                    .findFirst()
                    .orElseThrow();
            assertEquals("host-a", row.holder());
            assertTrue(row.live());
            assertEquals(1, row.token());
        }
    }

    @Test
    void anExpiredLeaseIsTakenWithAHigherTokenAndTheOldHolderCannotRenewOrRelease() {
        String account = account();
        try (Leases a = new Leases(store, "host-a", SHORT);
                Leases b = new Leases(store, "host-b", SHORT)) {
            Lease old = a.acquire(account).orElseThrow();
            long sent = System.nanoTime();
            Lease taken = acquireWithin(b, account, Duration.ofSeconds(30)).orElseThrow();
            assertTrue(System.nanoTime() - sent >= SHORT.toNanos() * 9 / 10, "not before the expiry");
            assertEquals(old.token() + 1, taken.token(), "the fencing token grows");
            assertEquals(Optional.empty(), a.renew(old), "the old holder is fenced");
            assertFalse(a.release(old), "and cannot free what it no longer holds");
            assertTrue(b.renew(taken).isPresent(), "the new holder is untouched");
        }
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndTheTokenKeepsGrowing() {
        String account = account();
        try (Leases a = new Leases(store, "host-a", Duration.ofSeconds(30));
                Leases b = new Leases(store, "host-b", Duration.ofSeconds(30))) {
            Lease first = a.acquire(account).orElseThrow();
            assertTrue(a.release(first));
            Lease second = b.acquire(account).orElseThrow();
            assertEquals(first.token() + 1, second.token());
            assertTrue(b.release(second));
            assertEquals(second.token() + 1, a.acquire(account).orElseThrow().token());
            assertEquals(Optional.empty(), a.renew(first), "an old lease stays dead");
        }
    }

    @Test
    void aRenewOnASilentlyDroppedConnectionFailsBeforeTheFenceTime() throws Exception {
        String account = account();
        Duration lease = Duration.ofSeconds(15);
        try (CutProxy proxy = new CutProxy(database.port());
                PostgresStore viaProxy = PostgresStore.open(new PostgresSettings(
                        "127.0.0.1", proxy.port(), database.database(), database.user(), null, Duration.ofSeconds(5)));
                Leases a = new Leases(viaProxy, "host-a", lease)) {
            LeaseTimer timer = new LeaseTimer(lease);
            long sent = System.nanoTime();
            Lease held = a.acquire(account).orElseThrow();
            timer.granted(sent);
            proxy.silence();
            long start = System.nanoTime();
            StoreException e = assertThrows(StoreException.class, () -> a.renew(held));
            long took = System.nanoTime() - start;
            assertTrue(
                    start + took - timer.fenceAt() < 0,
                    "the renew failed after " + took / 1_000_000 + " ms, past the fence time");
            assertTrue(took < lease.toNanos() / 3, "within a third of the lease: " + took / 1_000_000 + " ms");
            assertEquals(StoreException.Kind.IO, e.kind());
            assertTrue(e.getMessage().contains("renew the lease of " + account), e.getMessage());
        }
    }

    @Test
    void holderNamesAndLeaseTimesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Leases(store, " ", SHORT));
        assertThrows(IllegalArgumentException.class, () -> new Leases(store, "h", Duration.ofSeconds(1)));
        try (Leases l = new Leases(store, "h", SHORT)) {
            assertEquals(
                    StoreException.Kind.INVALID,
                    assertThrows(StoreException.class, () -> l.acquire("bad name"))
                            .kind());
        }
        assertTrue(Leases.newHolderId().matches(".+/\\d+/[0-9a-f]{6}"), Leases.newHolderId());
    }
}
