package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.crypto.BigInts;
import io.scriptgram.crypto.DhChecks;
import io.scriptgram.crypto.TelegramKeys;
import io.scriptgram.tl.TlObject;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Every check the client makes, each seen refusing a forged answer with a message naming it. */
class ClientChecksTest {

    /** A client and server taken to the point where the client waits for {@code server_DH_params_ok}. */
    static final class AtDhParams {
        final AuthKeyExchangeClient client = Exchanges.client(11);
        final AuthKeyExchangeServer server = Exchanges.server(12);
        final TlObject resPq = server.receive(client.start());
        final TlObject ok = server.receive(client.onResPq(resPq));
        final byte[] nonce = resPq.getBytes("nonce");
        final byte[] serverNonce = resPq.getBytes("server_nonce");
        final byte[] newNonce = server.innerData().getBytes("new_nonce");

        /** server_DH_params_ok around a server_DH_inner_data with the given fields changed. */
        TlObject okWith(boolean breakHash, Object... changes) {
            TlObject inner = Forge.of(
                    "server_DH_inner_data",
                    "nonce",
                    nonce,
                    "server_nonce",
                    serverNonce,
                    "g",
                    3,
                    "dh_prime",
                    BigInts.unsigned(DhChecks.KNOWN_PRIME),
                    "g_a",
                    BigInts.unsigned(BigInteger.valueOf(3)
                            .modPow(BigInteger.TWO.pow(2000).add(BigInteger.TEN), DhChecks.KNOWN_PRIME)),
                    "server_time",
                    1_700_000_000);
            inner = Forge.with(inner, changes);
            return Forge.of(
                    "server_DH_params_ok",
                    "nonce",
                    nonce,
                    "server_nonce",
                    serverNonce,
                    "encrypted_answer",
                    Forge.encrypt(inner, serverNonce, newNonce, breakHash));
        }
    }

    static void refused(String expectedText, Runnable r) {
        AuthKeyExchangeException e = assertThrows(AuthKeyExchangeException.class, r::run);
        assertTrue(
                e.getMessage().contains(expectedText),
                "message \"" + e.getMessage() + "\" lacks \"" + expectedText + "\"");
    }

    static byte[] flipped(byte[] b) {
        byte[] c = b.clone();
        c[0] ^= 1;
        return c;
    }

    // ---- resPQ ----

    @Test
    void resPqChecks() {
        refusedResPq("resPQ.nonce does not match", "nonce", new byte[16]);
        refusedResPq("name no key we trust", "server_public_key_fingerprints", List.of(1L, 2L));
        refusedResPq("is prime", "pq", BigInts.unsigned(BigInteger.valueOf(2305843009213693951L)));
        refusedResPq("two primes", "pq", BigInts.unsigned(BigInteger.valueOf(3L * 5 * 7 * 1000003)));
        refusedResPq("1..8 bytes", "pq", new byte[9]);
        refusedResPq("1..8 bytes", "pq", new byte[0]);
        refusedResPq("above 2^63", "pq", new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1});
        AuthKeyExchangeClient client = Exchanges.client(1);
        client.start();
        refused("expected resPQ, got pong", () -> client.receive(Forge.of("pong", "msg_id", 1L, "ping_id", 2L)));
    }

    private void refusedResPq(String expected, Object... changes) {
        AuthKeyExchangeClient client = Exchanges.client(1);
        AuthKeyExchangeServer server = Exchanges.server(2);
        TlObject resPq = server.receive(client.start());
        refused(expected, () -> client.onResPq(Forge.with(resPq, changes)));
        refused("already failed", () -> client.onResPq(resPq));
    }

    @Test
    void clientPicksTheFirstFingerprintItKnows() {
        AuthKeyExchangeClient client = new AuthKeyExchangeClient(
                TelegramKeys.production(), 2, new SplittableRandom(1), Exchanges.CLIENT_CLOCK);
        AuthKeyExchangeServer server = Exchanges.server(2);
        TlObject resPq = server.receive(client.start());
        TlObject req =
                client.onResPq(Forge.with(resPq, "server_public_key_fingerprints", List.of(7L, 0xd09d1d85de64fd85L)));
        Assertions.assertEquals(0xd09d1d85de64fd85L, req.getLong("public_key_fingerprint"));
    }

    // ---- server_DH_params ----

    @Test
    void serverDhParamsNonces() {
        AtDhParams a = new AtDhParams();
        refused(
                "server_DH_params_ok.nonce does not match",
                () -> a.client.onServerDhParams(Forge.with(a.ok, "nonce", flipped(a.nonce))));
        AtDhParams b = new AtDhParams();
        refused(
                "server_DH_params_ok.server_nonce does not match",
                () -> b.client.onServerDhParams(Forge.with(b.ok, "server_nonce", flipped(b.serverNonce))));
        AtDhParams c = new AtDhParams();
        refused(
                "server_DH_inner_data.nonce does not match",
                () -> c.client.onServerDhParams(c.okWith(false, "nonce", flipped(c.nonce))));
        AtDhParams d = new AtDhParams();
        refused(
                "server_DH_inner_data.server_nonce does not match",
                () -> d.client.onServerDhParams(d.okWith(false, "server_nonce", flipped(d.serverNonce))));
    }

    @Test
    void answerHashAndFraming() {
        AtDhParams a = new AtDhParams();
        refused(
                "SHA-1 of the decrypted server_DH_inner_data does not match",
                () -> a.client.onServerDhParams(a.okWith(true)));
        AtDhParams b = new AtDhParams();
        refused(
                "not a positive multiple of 16",
                () -> b.client.onServerDhParams(Forge.with(b.ok, "encrypted_answer", new byte[100])));
        AtDhParams c = new AtDhParams();
        byte[] garbled = c.ok.getBytes("encrypted_answer");
        garbled[40] ^= 0x55;
        refused(
                "server_DH_params_ok.encrypted_answer",
                () -> c.client.onServerDhParams(Forge.with(c.ok, "encrypted_answer", garbled)));
        AtDhParams d = new AtDhParams();
        refused(
                "expected server_DH_params_ok or server_DH_params_fail, got resPQ",
                () -> d.client.onServerDhParams(d.resPq));
    }

    @Test
    void dhPrimeAndGeneratorChecks() {
        AtDhParams a = new AtDhParams();
        // KNOWN_PRIME + 6 is odd, 2 mod 3 (so g = 3 passes its residue rule), and composite.
        refused(
                "dh_prime is not prime",
                () -> a.client.onServerDhParams(a.okWith(
                        false, "dh_prime", BigInts.unsigned(DhChecks.KNOWN_PRIME.add(BigInteger.valueOf(6))))));
        AtDhParams b = new AtDhParams();
        BigInteger unsafe = unsafePrime();
        refused(
                "not a safe prime",
                () -> b.client.onServerDhParams(b.okWith(false, "dh_prime", BigInts.unsigned(unsafe))));
        AtDhParams c = new AtDhParams();
        refused(
                "2048-bit",
                () -> c.client.onServerDhParams(
                        c.okWith(false, "dh_prime", BigInts.unsigned(DhChecks.KNOWN_PRIME.shiftRight(8)))));
        AtDhParams d = new AtDhParams();
        refused("g must be in 2..7", () -> d.client.onServerDhParams(d.okWith(false, "g", 9)));
    }

    /** A 2048-bit prime p = 2 mod 3 whose (p - 1) / 2 is not prime. */
    static BigInteger unsafePrime() {
        Random r = new Random(17);
        while (true) {
            BigInteger p = BigInteger.probablePrime(2048, r);
            if (p.mod(BigInteger.valueOf(3)).intValue() == 2 && !p.shiftRight(1).isProbablePrime(20)) return p;
        }
    }

    @Test
    void gaRangeChecks() {
        BigInteger p = DhChecks.KNOWN_PRIME;
        for (BigInteger bad : new BigInteger[] {
            BigInteger.ONE,
            BigInteger.TWO,
            p.subtract(BigInteger.ONE),
            p.subtract(BigInteger.TWO),
            BigInteger.ONE.shiftLeft(2048 - 64).subtract(BigInteger.ONE),
            p.subtract(BigInteger.ONE.shiftLeft(2048 - 64)).add(BigInteger.ONE)
        }) {
            AtDhParams a = new AtDhParams();
            refused("g_a check", () -> a.client.onServerDhParams(a.okWith(false, "g_a", BigInts.unsigned(bad))));
        }
    }

    @Test
    void serverDhParamsFail() {
        AtDhParams a = new AtDhParams();
        TlObject fail = Forge.of(
                "server_DH_params_fail",
                "nonce",
                a.nonce,
                "server_nonce",
                a.serverNonce,
                "new_nonce_hash",
                ExchangeCrypto.failNonceHash(a.newNonce));
        refused("refused req_DH_params", () -> a.client.onServerDhParams(fail));
        AtDhParams b = new AtDhParams();
        refused(
                "server_DH_params_fail.new_nonce_hash does not match",
                () -> b.client.onServerDhParams(Forge.with(
                        fail, "nonce", b.nonce, "server_nonce", b.serverNonce, "new_nonce_hash", new byte[16])));
    }

    // ---- dh_gen ----

    @Test
    void dhGenChecks() {
        for (String change : new String[] {"nonce", "server_nonce", "new_nonce_hash1"}) {
            AuthKeyExchangeClient client = Exchanges.client(3);
            AuthKeyExchangeServer server = Exchanges.server(4);
            TlObject setParams =
                    client.onServerDhParams(server.receive(client.onResPq(server.receive(client.start()))));
            TlObject ok = server.receive(setParams);
            refused(
                    change.equals("new_nonce_hash1")
                            ? "dh_gen_ok.new_nonce_hash1 does not match"
                            : "dh_gen_ok." + change + " does not match",
                    () -> client.onDhGenAnswer(Forge.with(ok, change, flipped(ok.getBytes(change)))));
            refused("already failed", () -> client.receive(ok));
        }
        // dh_gen_retry and dh_gen_fail hashes are checked too: the ok hash does not pass as hash2 or hash3.
        for (String name : new String[] {"dh_gen_retry", "dh_gen_fail"}) {
            AuthKeyExchangeClient client = Exchanges.client(3);
            AuthKeyExchangeServer server = Exchanges.server(4);
            TlObject ok = server.receive(
                    client.onServerDhParams(server.receive(client.onResPq(server.receive(client.start())))));
            refused(
                    name + ".new_nonce_hash",
                    () -> client.onDhGenAnswer(Forge.dhGen(
                            name, ok.getBytes("nonce"), ok.getBytes("server_nonce"), ok.getBytes("new_nonce_hash1"))));
        }
    }

    @Test
    void outOfOrderAndAfterTheEnd() {
        AuthKeyExchangeClient fresh = Exchanges.client(1);
        refused("before start()", () -> fresh.receive(Forge.of("pong", "msg_id", 1L, "ping_id", 2L)));
        refused("out of order", () -> fresh.onDhGenAnswer(Forge.of("pong", "msg_id", 1L, "ping_id", 2L)));
        AuthKeyExchangeClient started = Exchanges.client(1);
        started.start();
        refused("out of order", started::start);
        AuthKeyExchangeClient client = Exchanges.client(1);
        AuthKeyExchangeServer server = Exchanges.server(2);
        Exchanges.run(client, server);
        refused("already finished", () -> client.receive(Forge.of("pong", "msg_id", 1L, "ping_id", 2L)));
    }
}
