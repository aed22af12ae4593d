package io.scriptgram.client;

import static io.scriptgram.client.SandboxFixture.*;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults on the way: dropped connections, FLOOD_WAIT, DC migration, a sandbox restart, hostile peers. */
class SandboxFaultsTest {
    private static final TransportChoice T = TransportChoice.parse("intermediate");
    private SandboxFixture sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxFixture();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static TlObject inputUser(long id, long hash) {
        return TlObject.of(SCHEMA, "inputUser", Map.of("user_id", id, "access_hash", hash));
    }

    @Test
    void connectionDroppedAmid1000ConcurrentRequestsEveryFutureCompletesOnceWithItsOwnResult() throws Exception {
        RpcClient c = sandbox.client(T, null);
        login(c, ACCOUNT_PHONE);
        long[][] users = {{1000002, 7100000000000002L}, {1000003, 7100000000000003L}, {1000004, 7100000000000004L}};
        List<CompletableFuture<Object>> futures = new ArrayList<>();
        AtomicInteger completions = new AtomicInteger();
        MtprotoConnection conn = c.connection(c.homeDc()).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 1000; i++) {
            long[] u = users[i % users.length];
            CompletableFuture<Object> f = c.invoke("users.getUsers", Map.of("id", List.of(inputUser(u[0], u[1]))));
            f.whenComplete((r, e) -> completions.incrementAndGet());
            futures.add(f);
            if (i == 400) conn.dropConnection(); // mid-stream: some answered, some in flight, some not sent yet
        }
        for (int i = 0; i < futures.size(); i++) {
            @SuppressWarnings("unchecked")
            List<Object> result = (List<Object>) futures.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(1, result.size());
            assertEquals(
                    users[i % users.length][0],
                    ((TlObject) result.get(0)).getLong("id"),
                    "request " + i + " got another's answer");
        }
        assertEquals(1000, completions.get(), "every future completed exactly once");
        assertEquals(0, conn.inFlight());
    }

    @Test
    void floodWaitUnderTheThresholdIsWaitedOut() throws Exception {
        RpcClient c = sandbox.client(T, null);
        login(c, ACCOUNT_PHONE);
        sandbox.faults.add("flood:contacts.getTopPeers:2");
        long t0 = System.nanoTime();
        TlObject top =
                obj(c, "contacts.getTopPeers", Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L));
        assertEquals("contacts.topPeers", top.name());
        assertTrue(
                System.nanoTime() - t0 >= TimeUnit.SECONDS.toNanos(2), "the client waited the 2 s Telegram asked for");
    }

    @Test
    void floodWaitOverTheThresholdIsRaised() throws Exception {
        RpcClient c = sandbox.client(
                ClientSettings.of(4, "h", T, List.of(sandbox.server.publicKey()))
                        .withFloodWaitThreshold(Duration.ofSeconds(1)),
                null);
        login(c, ACCOUNT_PHONE);
        sandbox.faults.add("flood:contacts.getTopPeers:30");
        RpcException e = assertThrows(
                RpcException.class,
                () -> call(
                        c,
                        "contacts.getTopPeers",
                        Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L)));
        assertEquals(420, e.code());
        assertEquals("FLOOD_WAIT", e.type());
        assertEquals(30, e.argument());
    }

    @Test
    void phoneMigrateLandsTheSessionOnDc2() throws Exception {
        RpcClient c = sandbox.client(T, null);
        assertEquals(1, c.homeDc());
        TlObject auth = login(c, "+999 66 2 2001"); // Carol lives on DC 2
        assertEquals(1000004L, auth.getObject("user").getLong("id"));
        assertEquals(2, c.homeDc());
        TlObject full = obj(c, "users.getFullUser", Map.of("id", TlObject.of(SCHEMA, "inputUserSelf", Map.of())));
        assertEquals(1000004L, ((TlObject) full.getList("users").get(0)).getLong("id"));
        assertEquals(1, sandbox.server.authKeyCount(2), "the client made a key on DC 2");
    }

    @Test
    void aSandboxRestartIsSurvived() throws Exception {
        RpcClient c = sandbox.client(T, null);
        login(c, ACCOUNT_PHONE);
        sandbox.server.restart();
        TlObject dc = obj(c, "help.getNearestDc", Map.of());
        assertEquals("nearestDc", dc.name());
        TlObject top =
                obj(c, "contacts.getTopPeers", Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L));
        assertEquals("contacts.topPeers", top.name(), "still logged in after the restart");
    }

    @Test
    void aRestartInjectedMidStreamLosesNoAnswer() throws Exception {
        RpcClient c = sandbox.client(T, null);
        login(c, ACCOUNT_PHONE);
        sandbox.faults.add("restart:5");
        List<CompletableFuture<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CompletableFuture<Object> f = c.invoke("help.getNearestDc", Map.of());
            fs.add(f);
            // Requests queued together leave in one container (one packet): wait on some so the count is reached.
            if (i % 5 == 0) f.get(60, TimeUnit.SECONDS);
        }
        for (CompletableFuture<Object> f : fs)
            assertEquals("nearestDc", ((TlObject) f.get(60, TimeUnit.SECONDS)).name());
        assertEquals(-1, sandbox.faults.restartAfterMessages(), "the restart fault fired");
    }

    @Test
    void hostilePeersLoseOnlyTheirOwnConnection() throws Exception {
        RpcClient good = sandbox.client(T, null);
        login(good, ACCOUNT_PHONE);
        int port = sandbox.server.port(1);
        SplittableRandom r = new SplittableRandom(7);
        // Random bytes.
        try (Socket s = new Socket("127.0.0.1", port)) {
            byte[] junk = new byte[512];
            r.nextBytes(junk);
            s.getOutputStream().write(junk);
            s.setSoTimeout(10_000);
            assertClosed(s.getInputStream());
        }
        // A well-formed intermediate frame whose packet is garbage (a plain message that is not TL).
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            byte[] packet = new byte[40];
            r.nextBytes(packet);
            for (int i = 0; i < 8; i++) packet[i] = 0; // auth_key_id 0
            packet[16] = 20;
            packet[17] = packet[18] = packet[19] = 0; // message_data_length 20
            out.write(new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee, 40, 0, 0, 0});
            out.write(packet);
            out.flush();
            s.setSoTimeout(10_000);
            assertClosed(s.getInputStream());
        }
        // An encrypted-looking packet under an unknown auth key gets -404 and a close.
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            byte[] packet = new byte[72];
            r.nextBytes(packet);
            out.write(new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee, 72, 0, 0, 0});
            out.write(packet);
            out.flush();
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            byte[] frame = in.readNBytes(8);
            assertEquals(8, frame.length, "an error frame");
            assertEquals(-404, (frame[4] & 0xff) | (frame[5] & 0xff) << 8 | (frame[6] & 0xff) << 16 | frame[7] << 24);
            assertClosed(in);
        }
        TlObject top =
                obj(good, "contacts.getTopPeers", Map.of("correspondents", true, "offset", 0, "limit", 10, "hash", 0L));
        assertEquals("contacts.topPeers", top.name(), "the good client is still served");
    }

    private static void assertClosed(InputStream in) throws Exception {
        try {
            while (in.read() != -1) {
                // drain whatever the server sent before closing
            }
        } catch (SocketException reset) {
            // a reset is a close too
        }
    }
}
