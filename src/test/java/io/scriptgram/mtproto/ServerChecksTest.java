package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scriptgram.crypto.BigInts;
import io.scriptgram.crypto.CryptoException;
import io.scriptgram.crypto.DhChecks;
import io.scriptgram.crypto.RsaPad;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every check the server makes, each seen refusing a forged request with a message naming it. */
class ServerChecksTest {

    static void refused(String expectedText, Runnable r) {
        ClientChecksTest.refused(expectedText, r);
    }

    static byte[] flipped(byte[] b) {
        return ClientChecksTest.flipped(b);
    }

    /** Client and server up to the client's req_DH_params (not yet given to the server). */
    static final class AtReqDh {
        final AuthKeyExchangeClient client = Exchanges.client(21);
        final AuthKeyExchangeServer server = Exchanges.server(22);
        final TlObject resPq = server.receive(client.start());
        final TlObject req = client.onResPq(resPq);
        final byte[] nonce = resPq.getBytes("nonce");
        final byte[] serverNonce = resPq.getBytes("server_nonce");

        /** req_DH_params whose encrypted p_q_inner_data_dc has some fields changed. */
        TlObject reqWithInner(Object... changes) {
            TlObject inner = Forge.of(
                    "p_q_inner_data_dc",
                    "pq",
                    resPq.getBytes("pq"),
                    "p",
                    req.getBytes("p"),
                    "q",
                    req.getBytes("q"),
                    "nonce",
                    nonce,
                    "server_nonce",
                    serverNonce,
                    "new_nonce",
                    new byte[32],
                    "dc",
                    2);
            inner = Forge.with(inner, changes);
            byte[] enc = RsaPad.encrypt(TlCodec.encode(inner), Exchanges.serverPublicKey(), new SplittableRandom(1));
            return Forge.with(req, "encrypted_data", enc);
        }
    }

    @Test
    void reqDhParamsChecks() {
        AtReqDh a = new AtReqDh();
        refused(
                "req_DH_params.nonce does not match",
                () -> a.server.receive(Forge.with(a.req, "nonce", flipped(a.nonce))));
        refused("already failed", () -> a.server.receive(a.req));
        AtReqDh b = new AtReqDh();
        refused(
                "req_DH_params.server_nonce does not match",
                () -> b.server.receive(Forge.with(b.req, "server_nonce", flipped(b.serverNonce))));
        AtReqDh c = new AtReqDh();
        refused(
                "p/q are not the factors",
                () -> c.server.receive(Forge.with(c.req, "p", c.req.getBytes("q"), "q", c.req.getBytes("p"))));
        AtReqDh d = new AtReqDh();
        refused(
                "public_key_fingerprint 0000000000000007 is not one of ours",
                () -> d.server.receive(Forge.with(d.req, "public_key_fingerprint", 7L)));
    }

    @Test
    void rsaPadHashMismatchIsRefused() {
        AtReqDh a = new AtReqDh();
        byte[] enc = a.req.getBytes("encrypted_data");
        enc[255] ^= 1;
        refused(
                "req_DH_params.encrypted_data: RSA_PAD",
                () -> a.server.receive(Forge.with(a.req, "encrypted_data", enc)));
        AtReqDh b = new AtReqDh();
        refused("must be 256 bytes", () -> b.server.receive(Forge.with(b.req, "encrypted_data", new byte[255])));
    }

    @Test
    void innerDataChecks() {
        AtReqDh a = new AtReqDh();
        refused(
                "p_q_inner_data_dc.nonce does not match",
                () -> a.server.receive(a.reqWithInner("nonce", flipped(a.nonce))));
        AtReqDh b = new AtReqDh();
        refused(
                "p_q_inner_data_dc.server_nonce does not match",
                () -> b.server.receive(b.reqWithInner("server_nonce", flipped(b.serverNonce))));
        AtReqDh c = new AtReqDh();
        refused(
                "pq, p, q do not match resPQ",
                () -> c.server.receive(c.reqWithInner("pq", new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
        AtReqDh d = new AtReqDh();
        TlObject wrongKind = Forge.with(
                d.req,
                "encrypted_data",
                RsaPad.encrypt(
                        TlCodec.encode(Forge.of("pong", "msg_id", 1L, "ping_id", 2L)),
                        Exchanges.serverPublicKey(),
                        new SplittableRandom(1)));
        refused("holds pong, expected p_q_inner_data", () -> d.server.receive(wrongKind));
        AtReqDh e = new AtReqDh();
        TlObject temp = Forge.of(
                "p_q_inner_data_temp_dc",
                "pq",
                e.resPq.getBytes("pq"),
                "p",
                e.req.getBytes("p"),
                "q",
                e.req.getBytes("q"),
                "nonce",
                e.nonce,
                "server_nonce",
                e.serverNonce,
                "new_nonce",
                new byte[32],
                "dc",
                2,
                "expires_in",
                0);
        TlObject badTemp = Forge.with(
                e.req,
                "encrypted_data",
                RsaPad.encrypt(TlCodec.encode(temp), Exchanges.serverPublicKey(), new SplittableRandom(1)));
        refused("expires_in must be positive", () -> e.server.receive(badTemp));
    }

    /** Client and server up to the client's set_client_DH_params (not yet given to the server). */
    static final class AtSetParams {
        final AuthKeyExchangeClient client = Exchanges.client(31);
        final AuthKeyExchangeServer server = Exchanges.server(32);
        final TlObject resPq = server.receive(client.start());
        final TlObject ok = server.receive(client.onResPq(resPq));
        final TlObject set = client.onServerDhParams(ok);
        final byte[] nonce = resPq.getBytes("nonce");
        final byte[] serverNonce = resPq.getBytes("server_nonce");
        final byte[] newNonce = server.innerData().getBytes("new_nonce");

        TlObject setWith(boolean breakHash, Object... changes) {
            BigInteger gB =
                    BigInteger.valueOf(3).modPow(BigInteger.TWO.pow(1999).add(BigInteger.ONE), DhChecks.KNOWN_PRIME);
            TlObject inner = Forge.of(
                    "client_DH_inner_data",
                    "nonce",
                    nonce,
                    "server_nonce",
                    serverNonce,
                    "retry_id",
                    0L,
                    "g_b",
                    BigInts.unsigned(gB));
            inner = Forge.with(inner, changes);
            return Forge.with(set, "encrypted_data", Forge.encrypt(inner, serverNonce, newNonce, breakHash));
        }
    }

    @Test
    void setClientDhParamsChecks() {
        AtSetParams base = new AtSetParams();
        base.server.receive(base.setWith(
                false)); // a well-formed forged request passes, so the failures below are the changed field
        AtSetParams a = new AtSetParams();
        refused(
                "set_client_DH_params.nonce does not match",
                () -> a.server.receive(Forge.with(a.set, "nonce", flipped(a.nonce))));
        AtSetParams b = new AtSetParams();
        refused(
                "set_client_DH_params.server_nonce does not match",
                () -> b.server.receive(Forge.with(b.set, "server_nonce", flipped(b.serverNonce))));
        AtSetParams c = new AtSetParams();
        refused("SHA-1 of the decrypted client_DH_inner_data does not match", () -> c.server.receive(c.setWith(true)));
        AtSetParams d = new AtSetParams();
        refused(
                "client_DH_inner_data.nonce does not match",
                () -> d.server.receive(d.setWith(false, "nonce", flipped(d.nonce))));
        AtSetParams e = new AtSetParams();
        refused("retry_id", () -> e.server.receive(e.setWith(false, "retry_id", 5L)));
        for (BigInteger bad : new BigInteger[] {
            BigInteger.ONE, DhChecks.KNOWN_PRIME.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(1900)
        }) {
            AtSetParams f = new AtSetParams();
            refused("client_DH_inner_data.g_b", () -> f.server.receive(f.setWith(false, "g_b", BigInts.unsigned(bad))));
        }
        AtSetParams g = new AtSetParams();
        refused(
                "not a positive multiple of 16",
                () -> g.server.receive(Forge.with(g.set, "encrypted_data", new byte[33])));
    }

    @Test
    void unexpectedAndRepeatedMessages() {
        AuthKeyExchangeClient client = Exchanges.client(41);
        AuthKeyExchangeServer server = Exchanges.server(42);
        TlObject reqPq = client.start();
        refused(
                "unexpected pong: the server waits for req_pq_multi",
                () -> Exchanges.server(1).receive(Forge.of("pong", "msg_id", 1L, "ping_id", 2L)));
        TlObject resPq = server.receive(reqPq);
        TlObject reqDh = client.onResPq(resPq);
        TlObject set = client.onServerDhParams(server.receive(reqDh));
        AuthKeyExchangeServer other = Exchanges.server(42);
        other.receive(reqPq);
        other.receive(reqDh);
        refused("unexpected req_DH_params: the server waits for set_client_DH_params", () -> other.receive(reqDh));
        server.receive(set);
        refused("already finished", () -> server.receive(set));
        AuthKeyExchangeServer third = Exchanges.server(43);
        refused("unexpected set_client_DH_params", () -> third.receive(set));
        AuthKeyExchangeServer fourth = Exchanges.server(44);
        fourth.receive(reqPq);
        refused("unexpected req_pq_multi", () -> fourth.receive(Forge.of("req_pq_multi", "nonce", new byte[16])));
    }

    @Test
    void badServerSetupIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new AuthKeyExchangeServer(List.of(), new SplittableRandom(1), Exchanges.SERVER_CLOCK));
        assertThrows(
                CryptoException.class,
                () -> new AuthKeyExchangeServer(
                        List.of(Exchanges.serverKey()),
                        DhChecks.KNOWN_PRIME,
                        2,
                        new SplittableRandom(1),
                        Exchanges.SERVER_CLOCK,
                        k -> true));
    }
}
