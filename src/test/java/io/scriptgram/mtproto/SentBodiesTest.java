package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the outbox remembers of sent messages: the body only while it may still have to go out again (until its answer
 * or ack); after that only ids and seq_no, which bad_msg_notification and resend requests about it still get. A 1 GB
 * upload is 2,048 parts of 512 KiB: none may stay.
 */
class SentBodiesTest {
    static final int REQ = 0x0badf00d, RESULT = 0x0badcafe, UPD = 0x0badbeef;
    static final int PART = 512 * 1024;

    private static byte[] part(SplittableRandom r, int n) {
        byte[] noise = new byte[PART];
        r.nextBytes(noise); // incompressible, like media
        return new TlWriter(PART + 16)
                .writeInt(REQ)
                .writeInt(n)
                .writeBytes(noise)
                .toByteArray();
    }

    private static long retained(Outbox out, List<Long> ids) {
        long bytes = 0;
        for (long id : ids) {
            OutMessage m = out.sent(id);
            if (m != null && m.body != null) bytes += m.body.length;
            if (m != null && m.wire != null && m.wire != m.body) bytes += m.wire.length;
        }
        return bytes;
    }

    @Test
    void anAnsweredRequestKeepsNoBodyOnlyItsIds() {
        Pair p = new Pair(11);
        SplittableRandom r = new SplittableRandom(11);
        List<Long> handles = new ArrayList<>();
        for (int round = 0; round < 8; round++) { // 8 × 8 parts: 32 MiB through the session
            List<Long> batch = new ArrayList<>();
            long size = 0;
            for (int i = 0; i < 8; i++) {
                byte[] body = part(r, round * 8 + i);
                size += body.length;
                batch.add(p.client.push(body));
            }
            p.toServer();
            assertEquals(size, retained(p.client.outbox, batch), "unanswered parts keep their bodies (for a resend)");
            for (SessionEvent e : List.copyOf(p.serverEvents)) {
                if (e instanceof SessionEvent.Request q) p.server.reply(q.msgId(), Pair.body(RESULT, 1, 0));
            }
            p.serverEvents.clear();
            p.toClient();
            handles.addAll(batch);
        }
        assertEquals(
                64,
                p.clientEvents.stream()
                        .filter(e -> e instanceof SessionEvent.Result)
                        .count());
        assertEquals(0, retained(p.client.outbox, handles), "answered parts keep no body");
        for (long h : handles) assertNotNull(p.client.outbox.sent(h), "ids stay known (a late bad_msg_notification)");
        assertEquals(0, p.client.waitingRequests());
    }

    @Test
    void aResentRequestKeepsOneBodyAndNoneOnceAnswered() {
        Pair p = new Pair(12);
        byte[] body = part(new SplittableRandom(12), 1);
        long h = p.client.push(body);
        assertEquals(1, Pair.drop(p.client), "lost on the way");
        assertEquals(1, p.client.onReconnect());
        long resentId = -1;
        List<SessionEvent> atServer = new ArrayList<>();
        for (byte[] packet; (packet = p.client.nextPacket()) != null; ) {
            for (MsgContainer.Item i : Pair.messages(p.openFromClient(packet))) {
                if (Ints.id(i.body()) == REQ) resentId = i.msgId();
            }
            atServer.addAll(p.server.receive(packet));
        }
        assertNotEquals(h, resentId);
        assertEquals(0, retained(p.client.outbox, List.of(h)), "the old message gave its body to the new one");
        assertEquals(body.length, retained(p.client.outbox, List.of(resentId)));
        for (SessionEvent e : atServer) {
            if (e instanceof SessionEvent.Request q) p.server.reply(q.msgId(), Pair.body(RESULT, 1, 0));
        }
        p.settle();
        assertEquals(
                1,
                p.clientEvents.stream()
                        .filter(e -> e instanceof SessionEvent.Result)
                        .count());
        assertEquals(0, retained(p.client.outbox, List.of(h, resentId)));
    }

    @Test
    void whatTheServerPushedKeepsItsBodyUntilTheClientAcksIt() {
        Pair p = new Pair(13);
        p.client.push(Pair.body(REQ, 1, 0));
        p.toServer(); // the server learns the client's session
        List<Long> pushed = new ArrayList<>();
        for (int i = 0; i < 4; i++) pushed.add(p.server.push(Pair.body(UPD, i, 20_000)));
        p.toClient();
        assertTrue(retained(p.server.outbox, pushed) > 0, "not acknowledged yet: it may have to be sent again");
        p.toServer(); // the client's msgs_ack
        assertEquals(0, retained(p.server.outbox, pushed), "acknowledged: never sent again");
        for (long id : pushed) assertNotNull(p.server.outbox.sent(id));
    }
}
