package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Garbage in: random packets, and valid packets whose bodies are garbage behind real service ids. Nothing may throw.
 */
class ReceiveFuzzTest {
    /** Service constructor ids (mtproto.tl) plus msg_container and gzip_packed, so garbage reaches every decoder. */
    static final int[] IDS = {
        0x73f1f8dc,
        0x3072cfa1,
        0xf35c6d01,
        0x2144ca19,
        0x347773c5,
        0xae500895,
        0x62d6b459,
        0xa7eff811,
        0xedab447b,
        0x9ec20908,
        0xda69fb52,
        0x4deb57d,
        0x7d861a08,
        0x8cc0d131,
        0x276d3ec6,
        0x809db6df,
        0x9299359f,
        0x7abe77ec,
        0xf3427b8c,
        0xb921bd04,
        0xe7512126,
        0x58e4a740
    };

    @Test
    void randomPacketsAreCountedNeverThrown() {
        Pair p = new Pair(1);
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[r.nextInt(0, 300)];
            r.nextBytes(junk);
            assertTrue(p.client.receive(junk).isEmpty());
            assertTrue(p.server.receive(junk).isEmpty());
        }
        long total = p.client.droppedCounts().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertEquals(2000, total);
    }

    @Test
    void garbageBodiesBehindServiceIdsAreDroppedOrIgnoredNeverThrown() {
        for (EncryptedSession.Mode mode : EncryptedSession.Mode.values()) {
            Pair p = new Pair(3);
            p.client.ping(1);
            p.settle();
            SplittableRandom r = new SplittableRandom(4);
            for (int i = 0; i < 3000; i++) {
                byte[] body = new byte[4 * r.nextInt(1, 40)];
                r.nextBytes(body);
                int id = IDS[r.nextInt(IDS.length)];
                for (int b = 0; b < 4; b++) body[b] = (byte) (id >>> (8 * b));
                // forged ids lie 10 s back so they never collide with the real server's
                if (mode == EncryptedSession.Mode.CLIENT) {
                    p.client.receive(p.forgeToClient(
                            Pair.SALT, p.client.sessionId(), p.serverMsgId(-10, i), 2 * r.nextInt(3), body));
                } else {
                    long msgId = p.client.nextMsgId(MsgId.Kind.CLIENT);
                    p.server.receive(p.forgeToServer(Pair.SALT, p.client.sessionId(), msgId, 2 * r.nextInt(3), body));
                }
                // the other side's answers (if any) must be readable too
                Pair.drop(p.client);
                Pair.drop(p.server);
            }
            // and the session still works
            long h = p.client.ping(9);
            Pair.drop(p.server);
            p.settle();
            assertTrue(
                    p.clientEvents.stream().anyMatch(e -> e instanceof SessionEvent.Result res && res.requestId() == h),
                    mode + ": ping after fuzzing");
        }
    }
}
