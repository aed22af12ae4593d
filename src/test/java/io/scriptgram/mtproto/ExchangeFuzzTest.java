package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scriptgram.tl.TlObject;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Random and truncated bytes where the exchange reads untrusted input: only clear refusals come out. */
class ExchangeFuzzTest {

    @Test
    void randomPacketsIntoPlainMessageDecode() {
        SplittableRandom r = new SplittableRandom(77);
        byte[] good = new PlainMessage(
                        new MsgId(() -> 1_700_000_000_000L).next(MsgId.Kind.CLIENT),
                        new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
                .encode();
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            try {
                PlainMessage.decode(b);
            } catch (AuthKeyExchangeException expected) {
                // refused with a message; anything else fails the test
            }
        }
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(AuthKeyExchangeException.class, () -> PlainMessage.decode(cut));
        }
    }

    @Test
    void randomEncryptedAnswersAreRefused() {
        SplittableRandom r = new SplittableRandom(78);
        for (int i = 0; i < 30; i++) {
            ClientChecksTest.AtDhParams a = new ClientChecksTest.AtDhParams();
            byte[] junk = new byte[16 * r.nextInt(0, 40)];
            r.nextBytes(junk);
            TlObject forged = Forge.with(a.ok, "encrypted_answer", junk);
            assertThrows(AuthKeyExchangeException.class, () -> a.client.onServerDhParams(forged));
        }
    }

    @Test
    void randomEncryptedDataIsRefusedByTheServer() {
        SplittableRandom r = new SplittableRandom(79);
        for (int i = 0; i < 20; i++) {
            ServerChecksTest.AtReqDh a = new ServerChecksTest.AtReqDh();
            byte[] junk = new byte[r.nextInt(0, 300)];
            r.nextBytes(junk);
            if (junk.length > 0) junk[0] = 0; // mostly below the modulus, so RSA_PAD's hash check is reached
            TlObject forged = Forge.with(a.req, "encrypted_data", junk);
            assertThrows(AuthKeyExchangeException.class, () -> a.server.receive(forged));
        }
    }
}
