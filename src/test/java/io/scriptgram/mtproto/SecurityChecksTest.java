package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.crypto.MessageCipher;
import io.scriptgram.tl.TlWriter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every incoming check (mtproto/security_guidelines, mtproto/description): a bad packet is dropped, counted under its
 * reason, changes nothing, and a good packet afterwards still gets through.
 */
class SecurityChecksTest {
    static final int UPDATE = 0x0defaced;
    /**
     * Randomness that is all zeros: MessageCipher then pads to exactly 12..27 bytes, so tests can lie about lengths
     * precisely.
     */
    static final RandomGenerator ZERO = () -> 0L;

    Pair p;
    EncryptedSession client;
    int n;

    @BeforeEach
    void setUp() {
        p = new Pair(7);
        client = p.client;
    }

    private long msgId(long secondsAhead) {
        return p.serverMsgId(secondsAhead, ++n);
    }

    private byte[] update(long msgId) {
        return p.forgeToClient(Pair.SALT, client.sessionId(), msgId, 1, Pair.body(UPDATE, msgId, 4));
    }

    private void assertDropped(byte[] packet, DropReason reason) {
        var before = client.droppedCounts();
        long salt = client.salt(), offset = client.timeOffsetSeconds();
        int waiting = client.waitingRequests();
        boolean outgoing = client.hasOutgoing();
        List<SessionEvent> events = client.receive(packet);
        assertEquals(List.of(), events, "no events from a packet failing " + reason);
        assertEquals(
                before.getOrDefault(reason, 0L) + 1,
                client.dropped(reason),
                "counted under " + reason + ", last: " + client.lastDrop());
        assertTrue(client.lastDrop().startsWith(reason + ": "), client.lastDrop());
        long total = client.droppedCounts().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertEquals(
                before.values().stream().mapToLong(Long::longValue).sum() + 1, total, "counted once, under one reason");
        assertEquals(salt, client.salt());
        assertEquals(offset, client.timeOffsetSeconds());
        assertEquals(waiting, client.waitingRequests());
        // a replayed content message is acked again (the sender may have missed our ack); nothing else is queued
        if (reason != DropReason.DUPLICATE)
            assertEquals(outgoing, client.hasOutgoing(), "nothing queued in answer to a dropped message");
        while (client.nextPacket() != null) {
            /* flush acks */
        }
        assertStillWorks();
    }

    private void assertStillWorks() {
        long id = msgId(0);
        List<SessionEvent> events = client.receive(update(id));
        assertEquals(1, events.size(), "a good packet after the bad one");
        assertEquals(id, ((SessionEvent.Update) events.get(0)).msgId());
    }

    @Test
    void goodPacketIsAccepted() {
        assertStillWorks();
    }

    @Test
    void wrongSessionId() {
        assertDropped(
                p.forgeToClient(Pair.SALT, client.sessionId() + 1, msgId(0), 1, Pair.body(UPDATE, 1, 4)),
                DropReason.SESSION_ID);
    }

    @Test
    void serverMsgIdMustBeOdd() {
        assertDropped(update(msgId(0) & ~3L), DropReason.MSG_ID_PARITY);
        assertDropped(update((msgId(0) & ~3L) | 2), DropReason.MSG_ID_PARITY);
    }

    @Test
    void tooOldIsRefusedButJustInsideTheWindowIsNot() {
        assertDropped(update(msgId(-301)), DropReason.MSG_ID_TOO_OLD);
        assertEquals(1, client.receive(update(msgId(-299))).size());
    }

    @Test
    void tooNewIsRefusedButJustInsideTheWindowIsNot() {
        assertDropped(update(msgId(31)), DropReason.MSG_ID_TOO_NEW);
        assertEquals(1, client.receive(update(msgId(29))).size());
    }

    @Test
    void duplicateMsgIdIsRefusedEvenWithDifferentCiphertext() {
        long id = msgId(0);
        byte[] packet = update(id);
        assertEquals(1, client.receive(packet).size());
        while (client.nextPacket() != null) {
            /* the ack */
        }
        assertDropped(packet, DropReason.DUPLICATE);
        assertDropped(update(id), DropReason.DUPLICATE);
    }

    @Test
    void duplicateIsAckedAgain() {
        long id = msgId(0);
        client.receive(update(id));
        Envelope ack = p.openFromClient(client.nextPacket());
        assertEquals(List.of(id), p.server.codec.decode(ack.body()).getList("msg_ids"));
        client.receive(update(id));
        ack = p.openFromClient(client.nextPacket());
        assertEquals(List.of(id), p.server.codec.decode(ack.body()).getList("msg_ids"));
    }

    @Test
    void replayInsideAContainerIsRefusedItemByItem() {
        long id = msgId(0);
        client.receive(update(id));
        long fresh = msgId(0);
        byte[] container = MsgContainer.encode(List.of(
                new MsgContainer.Item(id, 1, Pair.body(UPDATE, id, 4)),
                new MsgContainer.Item(fresh, 3, Pair.body(UPDATE, fresh, 4))));
        List<SessionEvent> events =
                client.receive(p.forgeToClient(Pair.SALT, client.sessionId(), msgId(0), 4, container));
        assertEquals(1, events.size());
        assertEquals(fresh, ((SessionEvent.Update) events.get(0)).msgId());
        assertEquals(1, client.dropped(DropReason.DUPLICATE));
    }

    /**
     * A packet whose plaintext is {@code body} plus {@code junk} zero bytes, with message_data_length set so the
     * padding is {@code padding} bytes.
     */
    private byte[] withPadding(long msgId, int junk, int padding) {
        byte[] body = Arrays.copyOf(Pair.body(UPDATE, msgId, 4), Pair.body(UPDATE, msgId, 4).length + junk);
        byte[] plain = Envelope.encode(Pair.SALT, client.sessionId(), msgId, 1, body);
        int cipherPadding =
                12 + Math.floorMod(-(plain.length + 12), 16); // what MessageCipher adds with ZERO randomness
        writeLength(plain, plain.length + cipherPadding - 32 - padding);
        return MessageCipher.encrypt(p.key, plain, false, ZERO);
    }

    private static void writeLength(byte[] plain, int length) {
        for (int i = 0; i < 4; i++) plain[28 + i] = (byte) (length >>> (8 * i));
    }

    @Test
    void paddingBelow12OrAbove1024IsRefused() {
        assertDropped(withPadding(msgId(0), 0, 8), DropReason.PADDING);
        assertDropped(withPadding(msgId(0), 1100, 1028), DropReason.PADDING);
        // the bounds themselves are allowed
        assertEquals(1, client.receive(withPadding(msgId(0), 0, 12)).size());
        assertEquals(1, client.receive(withPadding(msgId(0), 1100, 1024)).size());
    }

    @Test
    void messageLengthMustFitAndBeAMultipleOf4() {
        for (int bad : new int[] {100_000, 6, -4}) {
            byte[] plain = Envelope.encode(Pair.SALT, client.sessionId(), msgId(0), 1, Pair.body(UPDATE, 1, 4));
            writeLength(plain, bad);
            assertDropped(MessageCipher.encrypt(p.key, plain, false, p.random), DropReason.MESSAGE_LENGTH);
        }
    }

    @Test
    void anotherAuthKeyIsRefused() {
        AuthKey other = Pair.key(new SplittableRandom(99));
        byte[] plain = Envelope.encode(Pair.SALT, client.sessionId(), msgId(0), 1, Pair.body(UPDATE, 1, 4));
        assertDropped(MessageCipher.encrypt(other, plain, false, p.random), DropReason.AUTH_KEY_ID);
    }

    @Test
    void tamperedMsgKeyOrDataIsRefused() {
        byte[] packet = update(msgId(0));
        packet[8] ^= 1;
        assertDropped(packet, DropReason.MSG_KEY);
        packet = update(msgId(0));
        packet[packet.length - 1] ^= (byte) 0x80;
        assertDropped(packet, DropReason.MSG_KEY);
    }

    @Test
    void ourOwnDirectionReflectedBackIsRefused() {
        byte[] plain = Envelope.encode(Pair.SALT, client.sessionId(), msgId(0), 1, Pair.body(UPDATE, 1, 4));
        assertDropped(MessageCipher.encrypt(p.key, plain, true, p.random), DropReason.MSG_KEY);
    }

    @Test
    void truncatedOrMisalignedPacketIsRefused() {
        byte[] packet = update(msgId(0));
        assertDropped(Arrays.copyOf(packet, packet.length - 16 - 3), DropReason.PACKET_LENGTH);
        assertDropped(Arrays.copyOf(packet, 40), DropReason.PACKET_LENGTH);
        assertDropped(new byte[0], DropReason.PACKET_LENGTH);
    }

    @Test
    void containerInsideContainerIsRefused() {
        long innerId = msgId(0);
        byte[] inner = MsgContainer.encode(List.of(new MsgContainer.Item(innerId, 1, Pair.body(UPDATE, innerId, 4))));
        long ok = msgId(0);
        byte[] outer = MsgContainer.encode(List.of(
                new MsgContainer.Item(msgId(0), 2, inner), new MsgContainer.Item(ok, 3, Pair.body(UPDATE, ok, 4))));
        List<SessionEvent> events = client.receive(p.forgeToClient(Pair.SALT, client.sessionId(), msgId(0), 4, outer));
        assertEquals(1, client.dropped(DropReason.NESTED_CONTAINER));
        assertEquals(1, events.size(), "the other message of the container still counts");
        assertEquals(ok, ((SessionEvent.Update) events.get(0)).msgId());
    }

    @Test
    void containerThatLiesAboutItsLengthsIsRefused() {
        byte[] c = MsgContainer.encode(List.of(new MsgContainer.Item(msgId(0), 1, Pair.body(UPDATE, 1, 4))));
        c[4 + 4 + 12] = 100; // the item's bytes field
        assertDropped(p.forgeToClient(Pair.SALT, client.sessionId(), msgId(0), 2, c), DropReason.MALFORMED);
        byte[] huge = MsgContainer.encode(List.of());
        huge[4] = (byte) 0xff; // count 255 with no bytes
        assertDropped(p.forgeToClient(Pair.SALT, client.sessionId(), msgId(0), 2, huge), DropReason.MALFORMED);
    }

    @Test
    void corruptGzipIsRefused() {
        byte[] body = new TlWriter()
                .writeInt(0x3072cfa1)
                .writeBytes(new byte[] {31, (byte) 139, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
                .toByteArray();
        assertDropped(p.forgeToClient(Pair.SALT, client.sessionId(), msgId(0), 2, body), DropReason.MALFORMED);
    }

    // ---- server mode ----

    @Test
    void serverRefusesClientMsgIdsThatAreNotMultiplesOf4() {
        EncryptedSession server = p.server;
        long good = (p.clock.millis() / 1000 << 32) | 0x100;
        assertEquals(
                1,
                server.receive(p.forgeToServer(Pair.SALT, 5, good, 1, Pair.body(UPDATE, 1, 4))).stream()
                        .filter(e -> e instanceof SessionEvent.Request)
                        .count());
        List<SessionEvent> events = server.receive(p.forgeToServer(Pair.SALT, 5, good + 5, 1, Pair.body(UPDATE, 2, 4)));
        assertEquals(List.of(), events);
        assertEquals(1, server.dropped(DropReason.MSG_ID_PARITY));
    }

    @Test
    void serverRefusesAStaleSaltAndTellsTheCurrentOne() {
        EncryptedSession server = p.server;
        long id = (p.clock.millis() / 1000 << 32) | 0x100;
        List<SessionEvent> events = server.receive(p.forgeToServer(0, 5, id, 1, Pair.body(UPDATE, 1, 4)));
        assertEquals(List.of(), events);
        assertEquals(1, server.dropped(DropReason.SALT));
        Envelope answer = p.openFromServer(server.nextPacket());
        var o = server.codec.decode(answer.body());
        assertEquals("bad_server_salt", o.name());
        assertEquals(id, o.getLong("bad_msg_id"));
        assertEquals(Pair.SALT, o.getLong("new_server_salt"));
        assertNull(server.nextPacket(), "the refused message itself is not acked or answered");
    }
}
