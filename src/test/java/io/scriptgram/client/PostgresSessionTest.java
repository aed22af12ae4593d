package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.cli.Main;
import io.scriptgram.store.AuditLog;
import io.scriptgram.store.AuditRecord;
import io.scriptgram.store.PostgresServer;
import io.scriptgram.store.PostgresSettings;
import io.scriptgram.store.PostgresStore;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoreCopy;
import io.scriptgram.tl.TlObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code store migrate}: a logged-in SQLite session moved into PostgreSQL with the CLI, then a client on the PostgreSQL
 * store is logged in at once: no new login, no new auth key on the sandbox.
 */
class PostgresSessionTest {
    @TempDir
    Path dir;

    private SandboxFixture sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxFixture();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Account open(SessionStore store) {
        return sandbox.account(store);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void aMigratedSessionIsLoggedInOnPostgresWithNoNewLoginOrKey() throws Exception {
        PostgresServer pg = PostgresServer.shared();
        PostgresSettings database = pg.newDatabase();
        Path session = dir.resolve("me.session");
        try (Account a = open(SessionStore.open(session))) {
            Login login = a.login();
            await(login.sendCode(ACCOUNT_PHONE));
            await(login.signIn("12345"));
            assertTrue(a.loggedIn());
            await(a.api()
                    .invoke(
                            "contacts.getTopPeers",
                            Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L)));
        }
        // The audit log moves too: a grant, a call and a refused one, in their order.
        List<AuditRecord> audit = List.of(
                new AuditRecord(
                        Instant.ofEpochMilli(1_000),
                        "greeter",
                        "",
                        "plugin.install",
                        null,
                        AuditRecord.Outcome.GRANTED,
                        "version 1.0; permissions: [messages.*]",
                        0),
                new AuditRecord(
                        Instant.ofEpochMilli(2_000),
                        "greeter",
                        "",
                        "messages.sendMessage",
                        "@bob",
                        AuditRecord.Outcome.OK,
                        null,
                        1234),
                new AuditRecord(
                        Instant.ofEpochMilli(2_000),
                        "greeter",
                        "",
                        "account.deleteAccount",
                        null,
                        AuditRecord.Outcome.REFUSED,
                        "not permitted",
                        0));
        StoreCopy.Summary local;
        try (SessionStore s = SessionStore.open(session)) {
            s.audit().append(audit);
            local = StoreCopy.summarize(s);
        }
        assertEquals(1L, local.rows().get("audit_batches"), "3 rows appended together: one stored batch");
        assertTrue(
                local.rows().get("auth_keys") >= 1 && local.rows().get("peers") >= 1,
                local.rows().toString());
        int keys = sandbox.server.authKeyCount(1);

        String to = "postgresql://" + database.user() + "@127.0.0.1:" + pg.port() + "/" + database.database();
        String[] done = run("store", "migrate", "--from", session.toString(), "--to", to, "--account", "work");
        assertEquals("0", done[0], done[2]);
        assertTrue(done[1].contains("verified: " + local.totalRows() + " rows, sha256 " + local.sha256()), done[1]);

        String[] again = run("store", "migrate", "--from", session.toString(), "--to", to, "--account", "work");
        assertEquals("1", again[0], "a second copy over the first is refused without --replace");
        assertTrue(again[2].contains("already holds a session"), again[2]);
        assertEquals(
                "0",
                run("store", "migrate", "--from", session.toString(), "--to", to, "--account", "work", "--replace")[0]);

        try (PostgresStore store = PostgresStore.open(database);
                Account moved = open(store.session("work"))) {
            assertTrue(moved.loggedIn(), "the copied session is logged in");
            assertEquals(1000001L, moved.self().orElseThrow().getLong("id"));
            TlObject top = (TlObject) await(moved.api()
                    .invoke(
                            "contacts.getTopPeers",
                            Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L)));
            assertEquals("contacts.topPeers", top.name());
            assertEquals(
                    local.rows().get("peers"),
                    StoreCopy.summarize(store.session("work")).rows().get("peers"));
            List<AuditRecord> moved2 = store.session("work").audit().read(AuditLog.Query.all());
            assertEquals(
                    audit.stream()
                            .map(r -> r.method() + " " + r.outcome() + " " + r.peer() + " " + r.detail())
                            .toList(),
                    moved2.stream()
                            .map(r -> r.method() + " " + r.outcome() + " " + r.peer() + " " + r.detail())
                            .toList(),
                    "the audit rows, oldest first");
            assertEquals("work", moved2.get(0).account());
            assertEquals(1234, moved2.get(1).micros());
        }
        assertEquals(keys, sandbox.server.authKeyCount(1), "no new auth key was made on the sandbox");
    }

    @Test
    void migrateExplainsWhatIsMissingOrWrong() {
        String[] noFile = run(
                "store",
                "migrate",
                "--from",
                dir.resolve("none.session").toString(),
                "--to",
                "postgresql://127.0.0.1:1/x");
        assertEquals("1", noFile[0]);
        assertTrue(noFile[2].contains("no SQLite session file"), noFile[2]);
        try (SessionStore s = SessionStore.open(dir.resolve("s.session"))) {
            s.scripts().putJson("a", "b", "1");
        }
        String[] password = run(
                "store",
                "migrate",
                "--from",
                dir.resolve("s.session").toString(),
                "--to",
                "postgresql://me:hunter2@127.0.0.1:1/x");
        assertEquals("1", password[0]);
        assertTrue(password[2].contains("carries a password"), password[2]);
        assertFalse(password[2].contains("hunter2"), "the password is never echoed");
        String[] down = run(
                "store",
                "migrate",
                "--from",
                dir.resolve("s.session").toString(),
                "--to",
                "postgresql://me@127.0.0.1:1/x");
        assertEquals("1", down[0]);
        assertTrue(down[2].contains("cannot reach"), down[2]);
    }
}
