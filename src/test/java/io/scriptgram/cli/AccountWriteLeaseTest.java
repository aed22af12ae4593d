package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.cluster.Lease;
import io.scriptgram.cluster.LeaseRow;
import io.scriptgram.cluster.Leases;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.store.PostgresServer;
import io.scriptgram.store.PostgresSettings;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.SessionStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login} and {@code store migrate} write an account's session: never while a host runs that account. With a
 * shared PostgreSQL store they refuse, naming the host that holds the account's lease, and write nothing; once it is
 * free they go through under a lease of their own, given back at the end. With a SQLite file they stop at the lock of
 * the host that has it open (named when it is another process: FileLockHolderTest).
 */
class AccountWriteLeaseTest {
    private static final String BUSY = "busy-machine/7/a1b2c3";

    @TempDir
    Path dir;

    private static String url(PostgresSettings db) {
        return "postgresql://" + db.user() + "@127.0.0.1:" + db.port() + "/" + db.database();
    }

    private static void assertRefusedNaming(TlCommandsTest.Run r, String account) {
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().contains("account " + account + " is running on host " + BUSY), r.err());
        assertTrue(r.err().contains("nothing was written"), r.err());
    }

    private static void assertLeaseGivenBack(PostgresStore store, String account) {
        LeaseRow row = Leases.read(store, Duration.ofSeconds(10)).stream()
                .filter(r -> r.account().equals(account))
                .findFirst()
                .orElseThrow();
        assertNull(row.holder(), "the command gave its lease back, so a host may start " + account + " at once");
        assertFalse(row.live(), row.toString());
    }

    @Test
    void aLoginIntoAnAccountAnotherHostRunsIsRefusedNamingThatHost() throws Exception {
        PostgresSettings db = PostgresServer.shared().newDatabase();
        try (SandboxServer sandbox = SandboxConfig.start(dir);
                PostgresStore store = PostgresStore.open(db);
                Leases other = new Leases(store, BUSY, Duration.ofSeconds(60))) {
            Path cfg = SandboxConfig.write(
                    dir,
                    "pg.yml",
                    sandbox,
                    "main.session",
                    "store: {url: \"" + url(db) + "\", lease: 3s}",
                    "accounts:",
                    "  main: {}",
                    "  work: {}");
            String[] login = {
                "login",
                "--config",
                cfg.toString(),
                "--account",
                "work",
                "--phone",
                "+999 66 1 1234",
                "--code",
                SandboxConfig.CODE
            };
            Lease held = other.acquire("work").orElseThrow(); // another host runs work
            assertRefusedNaming(TlCommandsTest.run(login), "work");
            try (SessionStore work = store.session("work")) {
                assertFalse(work.session().selfUser().isPresent(), "nothing was written for work");
                assertTrue(work.session().authKey(1).isEmpty(), "no key was made for work");
            }

            other.release(held); // that host stopped: the login goes through
            TlCommandsTest.Run done = TlCommandsTest.run(login);
            assertEquals(0, done.code(), done.err());
            try (SessionStore work = store.session("work")) {
                assertTrue(work.session().selfUser().isPresent(), "work is logged in");
            }
            assertLeaseGivenBack(store, "work");
        }
    }

    @Test
    void aMigrateIntoAnAccountAnotherHostRunsIsRefusedNamingThatHost() throws Exception {
        PostgresSettings db = PostgresServer.shared().newDatabase();
        try (SandboxServer sandbox = SandboxConfig.start(dir);
                PostgresStore store = PostgresStore.open(db);
                Leases other = new Leases(store, BUSY, Duration.ofSeconds(60))) {
            Path cfg = SandboxConfig.write(dir, "local.yml", sandbox, "local.session");
            TlCommandsTest.Run login = TlCommandsTest.run(
                    "login", "--config", cfg.toString(), "--phone", "+999 66 1 1234", "--code", SandboxConfig.CODE);
            assertEquals(0, login.code(), login.err());
            String[] migrate = {
                "store",
                "migrate",
                "--from",
                dir.resolve("local.session").toString(),
                "--to",
                url(db),
                "--account",
                "work"
            };

            Lease held = other.acquire("work").orElseThrow();
            assertRefusedNaming(TlCommandsTest.run(migrate), "work");
            try (SessionStore work = store.session("work")) {
                assertFalse(work.session().selfUser().isPresent(), "nothing was written for work");
            }

            other.release(held);
            TlCommandsTest.Run done = TlCommandsTest.run(migrate);
            assertEquals(0, done.code(), done.err());
            assertTrue(done.out().contains("verified: "), done.out());
            try (SessionStore work = store.session("work")) {
                assertTrue(work.session().selfUser().isPresent(), "work took the session");
            }
            assertLeaseGivenBack(store, "work");
        }
    }

    /** A host holds a SQLite session file locked while it runs: the commands that would use it say so and stop. */
    @Test
    void commandsOnASessionFileAHostHoldsStopAtItsLock() throws Exception {
        try (SandboxServer sandbox = SandboxConfig.start(dir)) {
            Path cfg = SandboxConfig.write(dir, "local.yml", sandbox, "local.session");
            String[] login = {
                "login", "--config", cfg.toString(), "--phone", "+999 66 1 1234", "--code", SandboxConfig.CODE
            };
            assertEquals(0, TlCommandsTest.run(login).code());
            // The holder here is this very process, which the kernel's lock list cannot tell apart from the opener
            // (FileLockHolderTest names a holder in another process).
            String holder = "local.session is in use by ";
            try (SessionStore running = SessionStore.open(dir.resolve("local.session"))) {
                running.session().setHomeDc(1); // the host has written: it holds the file's lock
                TlCommandsTest.Run refused = TlCommandsTest.run(login);
                assertEquals(1, refused.code(), refused.out());
                assertTrue(refused.err().contains(holder), refused.err());
                assertTrue(refused.err().contains("stop that process first"), refused.err());

                TlCommandsTest.Run migrate = TlCommandsTest.run(
                        "store",
                        "migrate",
                        "--from",
                        dir.resolve("local.session").toString(),
                        "--to",
                        "postgresql://127.0.0.1:1/unused");
                assertEquals(1, migrate.code(), migrate.out());
                assertTrue(migrate.err().contains(holder), migrate.err());
            }
        }
    }
}
