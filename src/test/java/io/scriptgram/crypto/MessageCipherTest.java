package io.scriptgram.crypto;

import static io.scriptgram.crypto.GrammersVectors.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MessageCipherTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] GRAMMERS_PLAIN =
            "Hello, world! This data should remain secure!".getBytes(StandardCharsets.US_ASCII);

    // grammers lib/grammers-crypto/src/lib.rs encrypt_client_data_v2: auth key 0..255, 19 zero padding bytes.
    @Test
    void clientPacketMatchesGrammers() {
        AuthKey key = new AuthKey(counting(256));
        assertArrayEquals(CLIENT_PACKET, MessageCipher.encrypt(key, GRAMMERS_PLAIN, new byte[19], true));
    }

    // The same grammers packet, read by the server side: the plaintext and its 19 zero bytes come back.
    @Test
    void serverReadsGrammersClientPacket() {
        AuthKey key = new AuthKey(counting(256));
        assertArrayEquals(Arrays.copyOf(GRAMMERS_PLAIN, 64), MessageCipher.decrypt(key, CLIENT_PACKET, true));
    }

    // grammers lib/grammers-crypto/src/lib.rs decrypt_server_data_v2: a server→client packet.
    @Test
    void serverPacketMatchesGrammers() {
        AuthKey key = new AuthKey(SERVER_AUTH_KEY);
        assertArrayEquals(SERVER_PLAINTEXT, MessageCipher.decrypt(key, SERVER_PACKET, false));
    }

    // grammers decrypt_server_data_v2 in reverse: the server side, given the same plaintext (padding included),
    // produces the published packet byte for byte.
    @Test
    void serverSideEncryptReproducesGrammersPacket() {
        AuthKey key = new AuthKey(SERVER_AUTH_KEY);
        int dataLen = ByteBuffer.wrap(SERVER_PLAINTEXT, 28, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        int pad = MessageCipher.paddingLength(SERVER_PLAINTEXT.length, dataLen);
        byte[] inner = Arrays.copyOf(SERVER_PLAINTEXT, SERVER_PLAINTEXT.length - pad);
        byte[] padding = Arrays.copyOfRange(SERVER_PLAINTEXT, SERVER_PLAINTEXT.length - pad, SERVER_PLAINTEXT.length);
        assertArrayEquals(SERVER_PACKET, MessageCipher.encrypt(key, inner, padding, false));
    }

    // mtcute packages/core/src/network/auth-key.test.ts: auth key = 8 x 98cb29c6...c230e0, key id 40fa5bb7cb56a895.
    private static AuthKey mtcuteKey() {
        byte[] k = new byte[256];
        byte[] part = HEX.parseHex("98cb29c6ffa89e79da695a54f572e6cb101e81c688b63a4bf73c3622dec230e0");
        for (int i = 0; i < 256; i += 32) System.arraycopy(part, 0, k, i, 32);
        return new AuthKey(k);
    }

    // mtcute auth-key.test.ts "should encrypt a message" (client→server; its padding comes from the test's random
    // source).
    private static final String MTCUTE_CLIENT = "40fa5bb7cb56a895f6f5a88914892aadf87c68031cc953ba29d68e118021f329"
            + "be386a620d49f3ad3a50c60dcef3733f214e8cefa3e403c11d193637d4971dc1"
            + "5db7f74b26fd16cb0e8fee30bf7e3f68858fe82927e2cd06";
    // mtcute auth-key.test.ts "should decrypt a message" (server→client).
    private static final String MTCUTE_SERVER = "40fa5bb7cb56a8950c394b884f1529efc42fea22d972fea650a714ce6d2d1bdb"
            + "3d98ff5929b8768c401771a69795f36a7e720dcafac2efbccd0ba368e8a7f48b"
            + "07362cac1a32ffcabe188b51a36cc4d54e1d0633cf9eaf35";

    /** Checks the mtcute test's inner header: salt, session_id, msg_id, seq_no 777, length 16, "hello, world!!!!". */
    private static void assertMtcuteInner(byte[] plain) {
        ByteBuffer b = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xbeefdeaddeadbeefL, b.getLong(0), "server_salt");
        assertEquals(0xbeeffeedfeedbeefL, b.getLong(8), "session_id");
        assertEquals(0x1234beefbeef1234L, b.getLong(16), "msg_id");
        assertEquals(777, b.getInt(24), "seq_no");
        assertEquals(16, b.getInt(28), "message_data_length");
        assertEquals("hello, world!!!!", new String(plain, 32, 16, StandardCharsets.US_ASCII));
        assertEquals(16, MessageCipher.paddingLength(plain.length, 16));
    }

    @Test
    void mtcuteServerPacketDecrypts() {
        AuthKey key = mtcuteKey();
        byte[] packet = HEX.parseHex(MTCUTE_SERVER);
        assertEquals("40fa5bb7cb56a895", MTCUTE_SERVER.substring(0, 16));
        assertEquals(key.id(), MessageCipher.authKeyId(packet));
        assertMtcuteInner(MessageCipher.decrypt(key, packet, false));
    }

    @Test
    void mtcuteClientPacketDecryptsAndReEncryptsIdentically() {
        AuthKey key = mtcuteKey();
        byte[] plain = MessageCipher.decrypt(key, HEX.parseHex(MTCUTE_CLIENT), true);
        assertMtcuteInner(plain);
        byte[] again = MessageCipher.encrypt(key, Arrays.copyOf(plain, 48), Arrays.copyOfRange(plain, 48, 64), true);
        assertEquals(MTCUTE_CLIENT, HEX.formatHex(again));
    }

    // mtcute auth-key.test.ts "should ignore messages with invalid message key": msg_key zeroed.
    @Test
    void mtcuteZeroMsgKeyRefused() {
        byte[] packet = HEX.parseHex("40fa5bb7cb56a8950000000000000000000000000000000050a714ce6d2d1bdb"
                + "3d98ff5929b8768c401771a69795f36a7e720dcafac2efbccd0ba368e8a7f48b"
                + "07362cac1a32ffcabe188b51a36cc4d54e1d0633cf9eaf35");
        var e = assertThrows(CryptoException.class, () -> MessageCipher.decrypt(mtcuteKey(), packet, false));
        assertTrue(e.getMessage().contains("msg_key"), e.getMessage());
    }

    // mtcute auth-key.test.ts "invalid length" (too long, not a multiple of 4) and "invalid padding": the packets
    // decrypt (their msg_key is right), and paddingLength, the session layer's check, refuses each.
    @Test
    void mtcuteBadLengthsRefusedByPaddingCheck() {
        AuthKey key = mtcuteKey();
        String tooLong = "40fa5bb7cb56a8950d19412233dd5d24be697c73274e08fbe515cf65e0c5f70c"
                + "ad75fd2badc18c9f999f287351144eeb1cfcaa9bea33ef5058999ad96a498306"
                + "08d2859425685a55b21fab413bfabc42ec5da283853b28c0";
        String unaligned = "40fa5bb7cb56a8957b4e4bec561eee4a5a1025bc8a35d3d0c79a3685d2b90ff0"
                + "5f638e9c42c9fd9448b0ce8e7d49e7ea1ce458e47b825b5c7fd8ddf5b4fded46"
                + "2a4bcc02f3ff2e89de6764d6d219f575e457fdcf8c163cdf";
        String noPadding = "40fa5bb7cb56a895133671d1c637a9836e2c64b4d1a0521d8a25a6416fd4dc9e"
                + "79f9478fb837703cc9efa0a19d12143c2a26e57cb4bc64d7bc972dd8f19c53c590cc258162f44afc";
        for (String hex : new String[] {tooLong, unaligned, noPadding}) {
            byte[] plain = MessageCipher.decrypt(key, HEX.parseHex(hex), false);
            int length =
                    ByteBuffer.wrap(plain, 28, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            var e = assertThrows(CryptoException.class, () -> MessageCipher.paddingLength(plain.length, length));
            assertTrue(e.getMessage().contains("message_data_length " + length), e.getMessage());
        }
    }

    @Test
    void paddingLengthBounds() {
        assertEquals(12, MessageCipher.paddingLength(32 + 20 + 12, 20));
        assertEquals(1024, MessageCipher.paddingLength(32 + 1024, 0));
        assertThrows(CryptoException.class, () -> MessageCipher.paddingLength(32 + 20 + 11, 20));
        assertThrows(CryptoException.class, () -> MessageCipher.paddingLength(32 + 1025, 0));
        assertThrows(CryptoException.class, () -> MessageCipher.paddingLength(64, -4));
        assertThrows(CryptoException.class, () -> MessageCipher.paddingLength(64, Integer.MAX_VALUE - 3));
    }

    // ---- bad packets: each refused with a CryptoException naming the check ----

    private static final AuthKey KEY = new AuthKey(counting(256));

    private static void assertRefused(byte[] packet, boolean fromClient, String expectedWords) {
        var e = assertThrows(CryptoException.class, () -> MessageCipher.decrypt(KEY, packet, fromClient));
        assertTrue(e.getMessage().contains(expectedWords), e.getMessage());
        assertFalse(e.getMessage().contains(HEX.formatHex(KEY.unsafeBytes(), 0, 16)), "message leaks the key");
    }

    private static byte[] mutated(Consumer<byte[]> change) {
        byte[] p = CLIENT_PACKET.clone();
        change.accept(p);
        return p;
    }

    @Test
    void wrongAuthKeyIdRefused() {
        assertRefused(mutated(p -> p[3] ^= 1), true, "auth_key_id");
        var e = assertThrows(
                CryptoException.class, () -> MessageCipher.decrypt(new AuthKey(SERVER_AUTH_KEY), CLIENT_PACKET, true));
        assertTrue(e.getMessage().contains("auth_key_id"), e.getMessage());
    }

    @Test
    void flippedMsgKeyBitRefused() {
        for (int bit = 0; bit < 128; bit += 9) {
            int b = bit;
            assertRefused(mutated(p -> p[8 + b / 8] ^= (byte) (1 << (b % 8))), true, "msg_key does not match");
        }
    }

    @Test
    void flippedCiphertextBitRefused() {
        for (int i = 24; i < CLIENT_PACKET.length; i += 7) {
            int at = i;
            assertRefused(mutated(p -> p[at] ^= 0x40), true, "msg_key does not match");
        }
        assertRefused(mutated(p -> p[p.length - 1] ^= 1), true, "msg_key does not match");
    }

    @Test
    void truncatedRefused() {
        assertRefused(Arrays.copyOf(CLIENT_PACKET, CLIENT_PACKET.length - 1), true, "not a multiple of 16");
        assertRefused(Arrays.copyOf(CLIENT_PACKET, CLIENT_PACKET.length - 16), true, "msg_key does not match");
        assertRefused(Arrays.copyOf(CLIENT_PACKET, 55), true, "too short: 55 bytes");
        assertRefused(Arrays.copyOf(CLIENT_PACKET, 8), true, "too short");
        assertRefused(new byte[0], true, "too short: 0 bytes");
    }

    @Test
    void wrongDirectionRefused() {
        assertRefused(CLIENT_PACKET, false, "msg_key does not match");
        var e = assertThrows(
                CryptoException.class, () -> MessageCipher.decrypt(new AuthKey(SERVER_AUTH_KEY), SERVER_PACKET, true));
        assertTrue(e.getMessage().contains("msg_key does not match"), e.getMessage());
    }

    @Test
    void refusesBadPaddingAndShortPlaintextOnEncrypt() {
        // misaligned total (36 + 27), too little padding (40 + 8), too much padding (32 + 1040)
        var e = assertThrows(
                IllegalArgumentException.class, () -> MessageCipher.encrypt(KEY, new byte[36], new byte[27], true));
        assertTrue(e.getMessage().contains("padding of 27 bytes after 36 bytes"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> MessageCipher.encrypt(KEY, new byte[40], new byte[8], true));
        assertTrue(e.getMessage().contains("padding of 8 bytes"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> MessageCipher.encrypt(KEY, new byte[32], new byte[1040], true));
        e = assertThrows(
                IllegalArgumentException.class,
                () -> MessageCipher.encrypt(KEY, new byte[31], true, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
    }

    // ---- round trips ----

    @Test
    void roundTripsBothDirectionsOverRandomLengths() {
        SplittableRandom rnd = new SplittableRandom(2024);
        for (int round = 0; round < 400; round++) {
            int len = 32 + rnd.nextInt(round < 300 ? 300 : 70_000);
            byte[] plain = new byte[len];
            rnd.nextBytes(plain);
            boolean fromClient = rnd.nextBoolean();
            byte[] packet = MessageCipher.encrypt(KEY, plain, fromClient, rnd);
            assertEquals(0, (packet.length - MessageCipher.HEADER) % 16, "length " + len);
            assertEquals(KEY.id(), MessageCipher.authKeyId(packet));
            byte[] back = MessageCipher.decrypt(KEY, packet, fromClient);
            int pad = back.length - len;
            assertTrue(
                    pad >= 12 && pad <= 12 + 15 + 16 * MessageCipher.MAX_EXTRA_BLOCKS,
                    "padding " + pad + " for length " + len);
            assertArrayEquals(plain, Arrays.copyOf(back, len), "length " + len);
            assertThrows(CryptoException.class, () -> MessageCipher.decrypt(KEY, packet, !fromClient));
        }
    }

    @Test
    void paddingAndCiphertextVaryBetweenMessages() {
        SplittableRandom rnd = new SplittableRandom(5);
        byte[] plain = new byte[64];
        Set<Integer> lengths = new HashSet<>();
        Set<String> packets = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            byte[] p = MessageCipher.encrypt(KEY, plain, true, rnd);
            lengths.add(p.length);
            packets.add(HEX.formatHex(p));
        }
        assertEquals(MessageCipher.MAX_EXTRA_BLOCKS + 1, lengths.size(), "padding lengths " + lengths);
        assertEquals(100, packets.size());
    }
}
