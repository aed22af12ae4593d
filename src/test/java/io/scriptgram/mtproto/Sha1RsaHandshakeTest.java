package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.crypto.RsaSha1Pad;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The server accepts p_q_inner_data encrypted the older way (SHA-1 digest + data + padding to 255 bytes, raw RSA), as
 * Telegram does and clients such as Telethon still send, beside RSA_PAD.
 */
class Sha1RsaHandshakeTest {
    @Test
    void aClientUsingTheOlderFormGetsAKey() {
        for (long seed = 1; seed <= 3; seed++) {
            AuthKeyExchangeClient client = Exchanges.client(seed).withSha1Rsa();
            AuthKeyExchangeServer server = Exchanges.server(seed * 77);
            KeyExchangeStep.Done done = assertInstanceOf(KeyExchangeStep.Done.class, Exchanges.run(client, server));
            assertTrue(server.usedSha1Rsa(), "the server took the SHA-1 form");
            assertEquals(server.result().authKey(), done.result().authKey());
            assertEquals(server.result().firstSalt(), done.result().firstSalt());
            assertEquals("p_q_inner_data_dc", server.innerData().name());
        }
    }

    @Test
    void rsaPadStillWorksAndIsNotMistakenForTheOlderForm() {
        AuthKeyExchangeServer server = Exchanges.server(5);
        assertInstanceOf(KeyExchangeStep.Done.class, Exchanges.run(Exchanges.client(5), server));
        assertFalse(server.usedSha1Rsa());
    }

    @Test
    void theOlderFormWithWrongNoncesIsRefusedLikeRsaPad() {
        ServerChecksTest.AtReqDh a = new ServerChecksTest.AtReqDh();
        TlObject inner = Forge.of(
                "p_q_inner_data_dc",
                "pq",
                a.resPq.getBytes("pq"),
                "p",
                a.req.getBytes("p"),
                "q",
                a.req.getBytes("q"),
                "nonce",
                new byte[16],
                "server_nonce",
                a.serverNonce,
                "new_nonce",
                new byte[32],
                "dc",
                2);
        byte[] enc = RsaSha1Pad.encrypt(TlCodec.encode(inner), Exchanges.serverPublicKey(), new SplittableRandom(3));
        AuthKeyExchangeException e = assertThrows(
                AuthKeyExchangeException.class, () -> a.server.receive(Forge.with(a.req, "encrypted_data", enc)));
        assertTrue(e.getMessage().contains("p_q_inner_data_dc.nonce does not match"), e.getMessage());
    }

    @Test
    void bytesThatAreNeitherFormNameBoth() {
        ServerChecksTest.AtReqDh a = new ServerChecksTest.AtReqDh();
        byte[] junk = new byte[256];
        new SplittableRandom(9).nextBytes(junk);
        junk[0] = 0;
        AuthKeyExchangeException e = assertThrows(
                AuthKeyExchangeException.class, () -> a.server.receive(Forge.with(a.req, "encrypted_data", junk)));
        assertTrue(e.getMessage().contains("RSA_PAD") && e.getMessage().contains("SHA-1 form"), e.getMessage());
    }
}
