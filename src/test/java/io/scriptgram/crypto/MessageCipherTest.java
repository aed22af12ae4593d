package io.scriptgram.crypto;

import static io.scriptgram.crypto.GrammersVectors.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageCipherTest {
    // grammers lib/grammers-crypto/src/lib.rs encrypt_client_data_v2: auth key 0..255, 19 zero padding bytes.
    @Test
    void clientPacketMatchesGrammers() {
        AuthKey key = new AuthKey(counting(256));
        byte[] plain = "Hello, world! This data should remain secure!".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(CLIENT_PACKET, MessageCipher.encrypt(key, plain, new byte[19], true));
    }

    // grammers lib/grammers-crypto/src/lib.rs decrypt_server_data_v2: a server→client packet.
    @Test
    void serverPacketMatchesGrammers() {
        AuthKey key = new AuthKey(SERVER_AUTH_KEY);
        assertArrayEquals(SERVER_PLAINTEXT, MessageCipher.decrypt(key, SERVER_PACKET, false));
    }
}
