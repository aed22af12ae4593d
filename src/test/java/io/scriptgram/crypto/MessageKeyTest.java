package io.scriptgram.crypto;

import static io.scriptgram.crypto.GrammersVectors.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageKeyTest {
    // grammers lib/grammers-crypto/src/lib.rs calc_client_key: auth key 0..255, msg_key 0..15, x = 0.
    @Test
    void clientToServerKeyIvMatchGrammers() {
        AesKeyIv k = MessageKey.aesKeyIv(counting(256), counting(16), true);
        assertArrayEquals(CLIENT_AES_KEY, k.key());
        assertArrayEquals(CLIENT_AES_IV, k.iv());
    }

    // grammers lib/grammers-crypto/src/lib.rs calc_server_key: auth key 0..255, msg_key 0..15, x = 8.
    @Test
    void serverToClientKeyIvMatchGrammers() {
        AesKeyIv k = MessageKey.aesKeyIv(counting(256), counting(16), false);
        assertArrayEquals(SERVER_AES_KEY, k.key());
        assertArrayEquals(SERVER_AES_IV, k.iv());
    }

    // grammers encrypt_client_data_v2: bytes 8..24 of the published packet are the msg_key of its
    // plaintext (45 ASCII bytes + 19 zero bytes of padding) under auth key 0..255, client to server.
    @Test
    void clientMsgKeyMatchesGrammersPacket() {
        byte[] plain =
                Arrays.copyOf("Hello, world! This data should remain secure!".getBytes(StandardCharsets.US_ASCII), 64);
        byte[] framed = new byte[70];
        System.arraycopy(plain, 0, framed, 3, 64);
        assertArrayEquals(
                Arrays.copyOfRange(CLIENT_PACKET, 8, 24), MessageKey.msgKey(counting(256), framed, 3, 64, true));
    }

    // grammers decrypt_server_data_v2: bytes 8..24 of the server's packet are the msg_key of the published plaintext, x
    // = 8.
    @Test
    void serverMsgKeyMatchesGrammersPacket() {
        assertArrayEquals(
                Arrays.copyOfRange(SERVER_PACKET, 8, 24),
                MessageKey.msgKey(SERVER_AUTH_KEY, SERVER_PLAINTEXT, 0, SERVER_PLAINTEXT.length, false));
    }

    @Test
    void directionsDiffer() {
        byte[] plain = counting(64);
        assertFalse(Arrays.equals(
                MessageKey.msgKey(counting(256), plain, 0, 64, true),
                MessageKey.msgKey(counting(256), plain, 0, 64, false)));
    }

    @Test
    void refusesBadSizes() {
        var e = assertThrows(CryptoException.class, () -> MessageKey.aesKeyIv(counting(256), new byte[15], true));
        assertTrue(e.getMessage().contains("msg_key must be 16 bytes, got 15"), e.getMessage());
        e = assertThrows(CryptoException.class, () -> MessageKey.msgKey(new byte[128], new byte[32], 0, 32, true));
        assertTrue(e.getMessage().contains("auth key must be 256 bytes, got 128"), e.getMessage());
        e = assertThrows(CryptoException.class, () -> MessageKey.aesKeyIv(null, new byte[16], false));
        assertTrue(e.getMessage().contains("got null"), e.getMessage());
    }

    @Test
    void aesKeyIvToStringHidesSecrets() {
        AesKeyIv k = MessageKey.aesKeyIv(counting(256), counting(16), true);
        assertEquals("AesKeyIv[hidden]", k.toString());
    }
}
