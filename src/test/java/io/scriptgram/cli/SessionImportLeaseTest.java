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
 * {@code session import} into an account of a shared PostgreSQL store: refused, with the holder's name and the time its
 * lease has left, while another host runs the account (nothing is written); accepted once no host holds it, under a
 * lease of its own that it gives back.
 */
class SessionImportLeaseTest {
    private static final String BUSY = "busy-machine/7/a1b2c3";

    @TempDir
    Path dir;

    @Test
    void anImportIntoAnAccountAnotherHostRunsIsRefusedNamingThatHost() throws Exception {
        PostgresSettings db = PostgresServer.shared().newDatabase();
        try (SandboxServer sandbox = SandboxConfig.start(dir);
                PostgresStore store = PostgresStore.open(db);
                Leases other = new Leases(store, BUSY, Duration.ofSeconds(60))) {
            Path cfg = SandboxConfig.write(
                    dir,
                    "pg.yml",
                    sandbox,
                    "main.session",
                    "store: {url: \"postgresql://" + db.user() + "@127.0.0.1:" + db.port() + "/" + db.database()
                            + "\", lease: 3s}",
                    "accounts:",
                    "  main: {}",
                    "  work: {}");
            TlCommandsTest.Run login = TlCommandsTest.run(
                    "login",
                    "--config",
                    cfg.toString(),
                    "--account",
                    "main",
                    "--phone",
                    "+999 66 1 1234",
                    "--code",
                    SandboxConfig.CODE);
            assertEquals(0, login.code(), login.err());
            TlCommandsTest.Run export =
                    TlCommandsTest.run("session", "export", "--config", cfg.toString(), "--account", "main");
            assertEquals(0, export.code(), export.err());
            String text = export.out().strip();

            Lease held = other.acquire("work").orElseThrow(); // another host runs work
            TlCommandsTest.Run refused =
                    TlCommandsTest.run("session", "import", "--config", cfg.toString(), "--account", "work", text);
            assertEquals(1, refused.code(), refused.out());
            assertTrue(refused.err().contains("account work is running on host " + BUSY), refused.err());
            assertTrue(refused.err().matches("(?s).*its lease has \\d+ s left.*"), refused.err());
            assertTrue(refused.err().contains("nothing was written"), refused.err());
            try (SessionStore work = store.session("work")) {
                assertFalse(work.session().selfUser().isPresent(), "nothing was written for work");
            }

            other.release(held); // that host stopped: the import goes through
            TlCommandsTest.Run imported =
                    TlCommandsTest.run("session", "import", "--config", cfg.toString(), "--account", "work", text);
            assertEquals(0, imported.code(), imported.err());
            try (SessionStore work = store.session("work")) {
                assertTrue(work.session().selfUser().isPresent(), "work took the session");
            }
            LeaseRow row = Leases.read(store, Duration.ofSeconds(10)).stream()
                    .filter(r -> r.account().equals("work"))
                    .findFirst()
                    .orElseThrow();
            assertNull(row.holder(), "the import gave its lease back, so a host may start work at once: " + row);
            assertFalse(row.live(), row.toString());
        }
    }
}
