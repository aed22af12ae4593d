package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlWriter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Packing of outgoing messages: containers and their limits, gzip, seq_no and msg_id of what is sent. */
class OutgoingTest {
    static final int REQ = 0x0badf00d;

    @Test
    void oneMessageGoesAloneSeveralGoInOneContainer() {
        Pair p = new Pair(1);
        long h = p.client.push(Pair.body(REQ, 1, 0));
        Envelope single = p.openFromClient(p.client.nextPacket());
        assertEquals(h, single.msgId());
        assertEquals(1, single.seqNo());
        assertFalse(MsgContainer.is(single.body()));

        long a = p.client.push(Pair.body(REQ, 2, 0)), b = p.client.push(Pair.body(REQ, 3, 0));
        Envelope c = p.openFromClient(p.client.nextPacket());
        List<MsgContainer.Item> items = MsgContainer.decode(c.body());
        assertEquals(
                List.of(a, b), items.stream().map(MsgContainer.Item::msgId).toList(), "ids kept inside the container");
        assertEquals(
                List.of(3, 5),
                items.stream().map(MsgContainer.Item::seqNo).toList(),
                "content-related: odd, counting up");
        assertEquals(6, c.seqNo(), "the container itself is not content-related");
        assertTrue(c.msgId() > b, "the container's id is newer than its messages'");
        assertEquals(0, c.msgId() & 3);
        assertNull(p.client.nextPacket());
    }

    @Test
    void aContainerHoldsAtMost1020Messages() {
        Pair p = new Pair(2);
        for (int i = 0; i < 2500; i++) p.client.push(Pair.body(REQ, i, 0));
        int[] sizes = new int[3];
        for (int i = 0; i < 3; i++)
            sizes[i] = MsgContainer.decode(
                            p.openFromClient(p.client.nextPacket()).body())
                    .size();
        assertArrayEquals(new int[] {1020, 1020, 460}, sizes);
        assertNull(p.client.nextPacket());
    }

    @Test
    void aContainerHoldsAboutOneMebibyte() {
        Pair p = new Pair(3);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 3; i++) {
            byte[] noise = new byte[400_000]; // incompressible, so gzip does not shrink it
            r.nextBytes(noise);
            p.client.push(new TlWriter().writeInt(REQ).writeBytes(noise).toByteArray());
        }
        Envelope first = p.openFromClient(p.client.nextPacket());
        assertEquals(2, MsgContainer.decode(first.body()).size());
        Envelope second = p.openFromClient(p.client.nextPacket());
        assertFalse(MsgContainer.is(second.body()));
        assertNull(p.client.nextPacket());
    }

    @Test
    void bigCompressibleBodiesAreSentGzipped() {
        Pair p = new Pair(4);
        p.client.ping(1);
        p.settle();
        byte[] big = Pair.body(REQ, 1, 20_000);
        long h = p.client.push(big);
        byte[] packet = p.client.nextPacket();
        assertTrue(
                packet.length < big.length / 4,
                "packet of " + packet.length + " bytes for a " + big.length + "-byte body");
        List<SessionEvent> got = p.server.receive(packet);
        var req = got.stream()
                .filter(e -> e instanceof SessionEvent.Request)
                .map(e -> (SessionEvent.Request) e)
                .findFirst()
                .orElseThrow();
        assertArrayEquals(big, req.body(), "the server sees the body unpacked");
        byte[] bigResult = Pair.body(0x0c0ffee0, 1, 50_000);
        p.server.reply(req.msgId(), bigResult);
        byte[] answer = p.server.nextPacket();
        assertTrue(answer.length < bigResult.length / 4);
        var res = (SessionEvent.Result) p.client.receive(answer).get(0);
        assertEquals(h, res.requestId());
        assertArrayEquals(bigResult, res.body());
    }

    @Test
    void aBigBodyIsGzippedWhenItsMiddleCompresses() {
        Pair p = new Pair(6);
        p.client.ping(1);
        p.settle();
        byte[] text = Pair.body(REQ, 1, 600_000); // compressible throughout
        p.client.push(text);
        byte[] packet = p.client.nextPacket();
        assertTrue(
                packet.length < text.length / 4,
                "packet of " + packet.length + " bytes for a " + text.length + "-byte body");
        // Random in the middle (a file part): sent as it is, even though its head would compress.
        byte[] part = new byte[600_000];
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 100_000; i < part.length; i++) part[i] = (byte) r.nextInt();
        byte[] body = new TlWriter().writeInt(REQ).writeBytes(part).toByteArray();
        p.client.push(body);
        assertArrayEquals(body, p.openFromClient(p.client.nextPacket()).body());
    }

    @Test
    void smallOrIncompressibleBodiesAreSentAsTheyAre() {
        Pair p = new Pair(5);
        byte[] small = Pair.body(REQ, 1, 100);
        p.client.push(small);
        assertArrayEquals(small, p.openFromClient(p.client.nextPacket()).body());
        byte[] noise = new byte[2000];
        new SplittableRandom(5).nextBytes(noise);
        byte[] body = new TlWriter().writeInt(REQ).writeBytes(noise).toByteArray();
        p.client.push(body);
        assertArrayEquals(body, p.openFromClient(p.client.nextPacket()).body());
    }

    @Test
    void serverMsgIdsAreOddByKind() {
        Pair p = new Pair(6);
        p.client.push(Pair.body(REQ, 1, 0));
        var req = (SessionEvent.Request) p.toServer().stream()
                .filter(e -> e instanceof SessionEvent.Request)
                .findFirst()
                .orElseThrow();
        Pair.drop(p.server);
        p.server.reply(req.msgId(), Pair.body(0x0c0ffee0, 1, 0));
        assertEquals(1, p.openFromServer(p.server.nextPacket()).msgId() & 3, "a response: 1 mod 4");
        long pushed = p.server.push(Pair.body(0x0defaced, 1, 0));
        assertEquals(3, pushed & 3, "server-initiated: 3 mod 4");
    }
}
