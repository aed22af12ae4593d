package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.crypto.PqFactor;
import io.scriptgram.crypto.TelegramKeys;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.math.BigInteger;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlainMessageTest {
    // core.telegram.org/mtproto/samples-auth_key (as mirrored at corefork.telegram.org/mtproto/samples-auth_key):
    // the client's req_pq_multi and the server's resPQ, transport headers omitted.
    static final String SAMPLE_SENT =
            "0000000000000000 78D505008B6EC868 14000000 F18E7EBE 50C861452DE403320DA63889D4EF03AB";
    static final String SAMPLE_RECEIVED =
            "0000000000000000 011472778B6EC868 50000000 63241605 50C861452DE403320DA63889D4EF03AB"
                    + " C0BB436F82EE94AECEAD50611EAC516B 08 139C39A05DD1F9A3 000000 15C4B51C 03000000"
                    + " 85FD64DE851D9DD0 A5B7F709355FC30B 216BE86C022BB4C3";

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void publishedSampleDecodesAndFeedsTheClient() {
        PlainMessage sent = PlainMessage.decode(hex(SAMPLE_SENT));
        assertEquals(0x68C86E8B0005D578L, sent.msgId());
        TlCodec codec = new TlCodec(TlSchema.bundled());
        TlObject reqPq = codec.decode(sent.body());
        assertEquals("req_pq_multi", reqPq.name());

        PlainMessage received = PlainMessage.decode(hex(SAMPLE_RECEIVED));
        assertEquals(0x68C86E8B77721401L, received.msgId());
        TlObject resPq = codec.decode(received.body());
        assertEquals("resPQ", resPq.name());
        assertArrayEquals(reqPq.getBytes("nonce"), resPq.getBytes("nonce"));
        assertEquals(
                List.of(0xd09d1d85de64fd85L, 0x0bc35f3509f7b7a5L, 0xc3b42b026ce86b21L),
                resPq.getList("server_public_key_fingerprints"));

        // Our client, given the sample's nonce, accepts this resPQ: it picks the production key and factors pq.
        byte[] nonce = reqPq.getBytes("nonce");
        ClientRandom random = new ClientRandomWithNonce(nonce, new SplittableRandom(3));
        AuthKeyExchangeClient client = new AuthKeyExchangeClient(
                TlSchema.bundled(),
                TelegramKeys.production(),
                2,
                0,
                random,
                InstantSource.fixed(Instant.ofEpochSecond(1_757_000_000L)));
        assertArrayEquals(sent.body(), TlCodec.encode(client.start()));
        TlObject reqDh = client.onResPq(resPq);
        assertEquals(0xd09d1d85de64fd85L, reqDh.getLong("public_key_fingerprint"));
        BigInteger p = new BigInteger(1, reqDh.getBytes("p")), q = new BigInteger(1, reqDh.getBytes("q"));
        assertEquals(0x139C39A05DD1F9A3L, p.multiply(q).longValueExact());
        assertTrue(p.compareTo(q) < 0);
        assertEquals(new PqFactor.Factors(p.longValue(), q.longValue()), PqFactor.factor(0x139C39A05DD1F9A3L));
        assertEquals(256, reqDh.getBytes("encrypted_data").length);
    }

    /** A ClientRandom with a given nonce and everything else from a generator. */
    static final class ClientRandomWithNonce implements ClientRandom {
        final byte[] nonce;
        final ClientRandom rest;

        ClientRandomWithNonce(byte[] nonce, SplittableRandom r) {
            this.nonce = nonce;
            this.rest = ClientRandom.of(r);
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public byte[] newNonce() {
            return rest.newNonce();
        }

        @Override
        public byte[] rsaPadding(int length) {
            return rest.rsaPadding(length);
        }

        @Override
        public byte[] rsaTempKey() {
            return rest.rsaTempKey();
        }

        @Override
        public byte[] dhExponent() {
            return rest.dhExponent();
        }

        @Override
        public byte[] padding(int length) {
            return rest.padding(length);
        }
    }

    @Test
    void encodeDecodeRoundTrip() {
        PlainMessage m = new PlainMessage(0x1234_5678_0000_0004L, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] packet = m.encode();
        assertEquals(28, packet.length);
        assertEquals(m, PlainMessage.decode(packet));
    }

    @Test
    void msgIdsFollowTheClockAndIncrease() {
        long t = 1_700_000_000_123L;
        MsgId ids = new MsgId(() -> t); // plain messages take their ids from the same generator as the session
        long a = ids.next(MsgId.Kind.CLIENT);
        assertEquals(1_700_000_000L, a >>> 32);
        assertEquals(0, a % 4);
        long b = ids.next(MsgId.Kind.CLIENT);
        assertTrue(b > a && b % 4 == 0);
        long s = ids.next(MsgId.Kind.SERVER_RESPONSE);
        assertTrue(s > b && s % 4 == 1);
    }

    @Test
    void badPacketsAreRefused() {
        byte[] good = new PlainMessage(8, new byte[] {1, 2, 3, 4}).encode();
        refused("shorter than", new byte[23]);
        byte[] keyed = good.clone();
        keyed[3] = 1;
        refused("auth_key_id at offset 0", keyed);
        byte[] zeroId = good.clone();
        for (int i = 8; i < 16; i++) zeroId[i] = 0;
        refused("msg_id at offset 8 is 0", zeroId);
        byte[] badLen = good.clone();
        badLen[16] = 8;
        refused("message_data_length at offset 16 is 8 but 4 bytes follow", badLen);
        byte[] hugeLen = good.clone();
        hugeLen[19] = (byte) 0x80;
        refused("message_data_length at offset 16", hugeLen);
        byte[] odd = Arrays.copyOf(good, 26);
        odd[16] = 6;
        refused("not a multiple of 4", odd);
        assertThrows(IllegalArgumentException.class, () -> new PlainMessage(0, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> new PlainMessage(4, new byte[3]));
    }

    private static void refused(String text, byte[] packet) {
        AuthKeyExchangeException e = assertThrows(AuthKeyExchangeException.class, () -> PlainMessage.decode(packet));
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }
}
