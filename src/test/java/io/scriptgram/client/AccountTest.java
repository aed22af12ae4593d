package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.net.TransportChoice;
import io.scriptgram.store.SessionStore;
import io.scriptgram.store.StoreException;
import io.scriptgram.tl.TlObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A persistent account against the sandbox: login (code, 2FA), a restart without a new login, peers by name. */
class AccountTest {
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

    private Account open(Path session) {
        return sandbox.account(SessionStore.open(session));
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable t = RpcClient.cause(e);
            if (t instanceof Exception ex) throw ex;
            throw e;
        }
    }

    @Test
    void loginSurvivesARestartWithNoNewLoginOrKey() throws Exception {
        Path session = dir.resolve("me.session");
        try (Account a = open(session)) {
            assertFalse(a.loggedIn());
            Login login = a.login();
            assertInstanceOf(Login.Step.NeedCode.class, await(login.sendCode(ACCOUNT_PHONE)));
            RpcException wrong = assertThrows(RpcException.class, () -> await(login.signIn("00000")));
            assertEquals("PHONE_CODE_INVALID", wrong.type());
            Login.Step done = await(login.signIn("12345"));
            assertEquals(1000001L, ((Login.Step.Done) done).user().getLong("id"));
            assertTrue(a.loggedIn());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(session)));
        int keys = sandbox.server.authKeyCount(1);
        try (Account again = open(session)) {
            assertTrue(again.loggedIn(), "the stored session is logged in");
            assertEquals(1000001L, again.self().orElseThrow().getLong("id"));
            TlObject top = (TlObject) await(again.api()
                    .invoke(
                            "contacts.getTopPeers",
                            Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L)));
            assertEquals("contacts.topPeers", top.name(), "a login-only method works without logging in again");
        }
        assertEquals(keys, sandbox.server.authKeyCount(1), "no new auth key was made");
    }

    /** Another logged-in app (a client logged in as {@code phone}) scans the QR code: accepts the token in its URL. */
    private void scanWith(String phone, Login.QrCode code) throws Exception {
        try (RpcClient app = sandbox.client(TransportChoice.parse("intermediate"), null)) {
            login(app, phone);
            accept(app, code);
        }
    }

    private static void accept(ApiInvoker app, Login.QrCode code) throws Exception {
        byte[] token = Base64.getUrlDecoder().decode(code.url().substring("tg://login?token=".length()));
        await(app.invoke("auth.acceptLoginToken", Map.of("token", token)));
    }

    @Test
    void qrLoginAcceptedByAnotherAppIncludingOnAnotherDcAndWithTwoFactor() throws Exception {
        try (Account a = open(dir.resolve("qr.session"))) {
            LinkedBlockingQueue<Login.QrCode> shown = new LinkedBlockingQueue<>();
            CompletableFuture<Login.Step> step = a.login().qr(shown::add);
            Login.QrCode code = shown.poll(30, TimeUnit.SECONDS);
            assertNotNull(code, "a code to show");
            assertTrue(code.expires().isAfter(Instant.now()), code.toString());
            scanWith(ALICE_PHONE, code);
            assertEquals(
                    ALICE_ID,
                    ((Login.Step.Done) await(step)).user().getLong("id"),
                    "updateLoginToken made it export again and log in");
            assertTrue(a.loggedIn());
            assertEquals(
                    ALICE_ID,
                    ((TlObject) ((List<?>) await(a.api()
                                            .invoke(
                                                    "users.getUsers",
                                                    Map.of(
                                                            "id",
                                                            List.of(TlObject.of(SCHEMA, "inputUserSelf", Map.of()))))))
                                    .get(0))
                            .getLong("id"));
        }
        try (Account carol = open(dir.resolve("qr-carol.session"))) { // Carol lives on DC 2
            LinkedBlockingQueue<Login.QrCode> shown = new LinkedBlockingQueue<>();
            CompletableFuture<Login.Step> step = carol.login().qr(shown::add);
            scanWith("+999 66 2 2001", shown.poll(30, TimeUnit.SECONDS));
            assertEquals(1000004L, ((Login.Step.Done) await(step)).user().getLong("id"));
            assertEquals(2, carol.api().homeDc(), "moved to the DC the token was imported on");
        }
        try (Account dave = open(dir.resolve("qr-dave.session"))) { // has a 2FA password
            LinkedBlockingQueue<Login.QrCode> shown = new LinkedBlockingQueue<>();
            Login login = dave.login();
            CompletableFuture<Login.Step> step = login.qr(shown::add);
            try (Account app =
                    open(dir.resolve("dave-app.session"))) { // the scanning app is logged in with the password too
                Login l = app.login();
                await(l.sendCode("+999 66 1 1003"));
                await(l.signIn("12345"));
                await(l.checkPassword("sandbox-password"));
                accept(app.api(), shown.poll(30, TimeUnit.SECONDS));
            }
            assertInstanceOf(Login.Step.NeedPassword.class, await(step));
            assertEquals(
                    1000005L,
                    ((Login.Step.Done) await(login.checkPassword("sandbox-password")))
                            .user()
                            .getLong("id"));
        }
    }

    @Test
    void twoFactorLoginWithSrp() throws Exception {
        try (Account a = open(dir.resolve("dave.session"))) {
            Login login = a.login();
            await(login.sendCode("+999 66 1 1003"));
            Login.Step step = await(login.signIn("12345"));
            assertInstanceOf(Login.Step.NeedPassword.class, step);
            RpcException bad = assertThrows(RpcException.class, () -> await(login.checkPassword("not-the-password")));
            assertEquals("PASSWORD_HASH_INVALID", bad.type());
            Login.Step done = await(login.checkPassword("sandbox-password"));
            assertEquals(1000005L, ((Login.Step.Done) done).user().getLong("id"));
        }
    }

    @Test
    void peersByUsernameMePhoneIdAndObject() throws Exception {
        try (Account a = open(dir.resolve("peers.session"))) {
            Login login = a.login();
            await(login.sendCode(ACCOUNT_PHONE));
            await(login.signIn("12345"));
            Object sent =
                    await(a.api().invoke("messages.sendMessage", Map.of("peer", "@alice", "message", "by username")));
            assertTrue(sent instanceof TlObject);
            await(a.api().invoke("messages.sendMessage", Map.of("peer", "me", "message", "to myself")));
            await(a.api().invoke("messages.sendMessage", Map.of("peer", "https://t.me/bob", "message", "by link")));
            await(a.api().invoke("messages.sendMessage", Map.of("peer", ALICE_ID, "message", "by id, seen before")));
            await(a.api().invoke("contacts.getContacts", Map.of("hash", 0L)));
            await(a.api().invoke("messages.sendMessage", Map.of("peer", ALICE_PHONE, "message", "by phone")));
            TlObject full = (TlObject) await(a.api().invoke("users.getFullUser", Map.of("id", "@bob")));
            TlObject bob = (TlObject) full.getList("users").get(0);
            await(a.api().invoke("messages.sendMessage", Map.of("peer", bob, "message", "by the object received")));
            TlObject history = (TlObject) await(a.api()
                    .invoke(
                            "messages.getHistory",
                            Map.of(
                                    "peer",
                                    "@alice",
                                    "offset_id",
                                    0,
                                    "offset_date",
                                    0,
                                    "add_offset",
                                    0,
                                    "limit",
                                    10,
                                    "max_id",
                                    0,
                                    "min_id",
                                    0,
                                    "hash",
                                    0L)));
            String texts = history.getList("messages").toString();
            assertTrue(
                    texts.contains("by username") && texts.contains("by id, seen before") && texts.contains("by phone"),
                    texts);

            Peers.PeerException unknown = assertThrows(
                    Peers.PeerException.class,
                    () -> await(
                            a.api().invoke("messages.sendMessage", Map.of("peer", "@nobody_here_zz", "message", "x"))));
            assertTrue(
                    unknown.getMessage().contains("messages.sendMessage: peer")
                            && unknown.getMessage().contains("@nobody_here_zz"),
                    unknown.getMessage());
            Peers.PeerException notUser = assertThrows(
                    Peers.PeerException.class,
                    () -> await(a.api().invoke("users.getFullUser", Map.of("id", "@sandbox_news"))));
            assertTrue(
                    notUser.getMessage().contains("users.getFullUser: id")
                            && notUser.getMessage().contains("not a user"),
                    notUser.getMessage());
        }
    }

    @Test
    void updatesReachHandlersOnceAcrossARestartOfTheAccount() throws Exception {
        Path session = dir.resolve("updates.session");
        LinkedBlockingQueue<UpdateEvent> got = new LinkedBlockingQueue<>();
        RpcClient alice = sandbox.client(TransportChoice.parse("intermediate"), null);
        login(alice, ALICE_PHONE);
        TlObject me =
                TlObject.of(SCHEMA, "inputPeerUser", Map.of("user_id", 1000001L, "access_hash", 7100000000000001L));
        try (Account a = open(session)) {
            Login login = a.login();
            await(login.sendCode(ACCOUNT_PHONE));
            await(login.signIn("12345"));
            await(a.startUpdates());
            a.updates().subscribe("message", got::add);
            for (int i = 0; i < 5; i++) call(alice, "messages.sendMessage", Map.of("peer", me, "message", "live " + i));
            for (int i = 0; i < 5; i++) {
                UpdateEvent e = got.poll(30, TimeUnit.SECONDS);
                assertNotNull(e, "message " + i + " arrived");
                assertEquals("live " + i, e.update().getObject("message").getString("message"));
                assertTrue(e.users().containsKey(ALICE_ID), "the sender comes with the event");
            }
        }
        for (int i = 0; i < 5; i++)
            call(alice, "messages.sendMessage", Map.of("peer", me, "message", "while away " + i));
        try (Account again = open(session)) {
            again.updates().subscribe("message", got::add);
            await(again.startUpdates());
            for (int i = 0; i < 5; i++) {
                UpdateEvent e = got.poll(30, TimeUnit.SECONDS);
                assertNotNull(e, "missed message " + i + " arrived after the restart");
                assertEquals("while away " + i, e.update().getObject("message").getString("message"));
            }
            await(again.updates().idle());
            assertNull(got.poll(), "nothing delivered twice");
        }
    }

    @Test
    void aCorruptSessionFileIsRefusedAndLeftAlone() throws Exception {
        Path session = dir.resolve("bad.session");
        byte[] junk = "this is not a session file, just some text that is long enough to be looked at"
                .repeat(20)
                .getBytes();
        Files.write(session, junk);
        StoreException e = assertThrows(StoreException.class, () -> open(session));
        assertTrue(e.getMessage().contains(session.toString()), e.getMessage());
        assertArrayEquals(junk, Files.readAllBytes(session));
    }
}
