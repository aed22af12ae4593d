package io.scriptgram.mtproto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.crypto.DhChecks;
import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Client against server, both ours, with seeded randomness (as gotd/td exchange/flow_test.go does). */
class AuthKeyExchangeTest {

    @Test
    void clientAndServerAgreeOnKeySaltAndTime() {
        for (long seed = 1; seed <= 5; seed++) {
            AuthKeyExchangeClient client = Exchanges.client(seed);
            AuthKeyExchangeServer server = Exchanges.server(seed * 1000);
            KeyExchangeStep.Done done = assertInstanceOf(KeyExchangeStep.Done.class, Exchanges.run(client, server));
            assertTrue(server.isDone());
            assertEquals(server.result().authKey(), done.result().authKey());
            assertEquals(server.result().authKey().id(), done.result().authKey().id());
            assertEquals(server.result().firstSalt(), done.result().firstSalt());
            assertEquals(42, done.result().serverTimeOffset());
            assertEquals("p_q_inner_data_dc", server.innerData().name());
            assertEquals(2, server.innerData().getInt("dc"));
            assertFalse(client.inProgress());
        }
    }

    @Test
    void differentRandomnessGivesDifferentKeys() {
        AuthKey a = ((KeyExchangeStep.Done) Exchanges.run(Exchanges.client(1), Exchanges.server(2)))
                .result()
                .authKey();
        AuthKey b = ((KeyExchangeStep.Done) Exchanges.run(Exchanges.client(3), Exchanges.server(2)))
                .result()
                .authKey();
        assertNotEquals(a, b);
    }

    @Test
    void temporaryKeyCarriesExpiresIn() {
        AuthKeyExchangeClient client = AuthKeyExchangeClient.temporary(
                List.of(Exchanges.serverPublicKey()), -4, 86400, new SplittableRandom(9), Exchanges.CLIENT_CLOCK);
        AuthKeyExchangeServer server = Exchanges.server(10);
        assertInstanceOf(KeyExchangeStep.Done.class, Exchanges.run(client, server));
        assertEquals("p_q_inner_data_temp_dc", server.innerData().name());
        assertEquals(86400, server.innerData().getInt("expires_in"));
        assertEquals(-4, server.innerData().getInt("dc"));
    }

    @Test
    void serverRefusingAKeyMakesTheClientRetryWithTheAuxHash() {
        List<AuthKey> offered = new ArrayList<>();
        AuthKeyExchangeServer server = new AuthKeyExchangeServer(
                List.of(Exchanges.serverKey()),
                DhChecks.KNOWN_PRIME,
                3,
                new SplittableRandom(5),
                Exchanges.SERVER_CLOCK,
                k -> {
                    offered.add(k);
                    return offered.size() > 2; // the first two keys "collide"
                });
        AuthKeyExchangeClient client = Exchanges.client(6);
        KeyExchangeStep.Done done = assertInstanceOf(KeyExchangeStep.Done.class, Exchanges.run(client, server));
        assertEquals(3, offered.size());
        assertEquals(offered.get(2), done.result().authKey());
        assertNotEquals(offered.get(0), offered.get(1));
        assertEquals(server.result().authKey(), done.result().authKey());
    }

    @Test
    void verifiedDhGenFailEndsTheExchange() {
        AuthKey[] captured = new AuthKey[1];
        AuthKeyExchangeServer server = new AuthKeyExchangeServer(
                List.of(Exchanges.serverKey()),
                DhChecks.KNOWN_PRIME,
                3,
                new SplittableRandom(5),
                Exchanges.SERVER_CLOCK,
                k -> {
                    captured[0] = k;
                    return false;
                });
        AuthKeyExchangeClient client = Exchanges.client(6);
        TlObject resPq = server.receive(client.start());
        TlObject ok = server.receive(client.onResPq(resPq));
        server.receive(client.onServerDhParams(ok)); // dh_gen_retry, replaced below by a dh_gen_fail
        byte[] newNonce = server.innerData().getBytes("new_nonce");
        TlObject fail = Forge.dhGen(
                "dh_gen_fail",
                resPq.getBytes("nonce"),
                resPq.getBytes("server_nonce"),
                ExchangeCrypto.newNonceHash(newNonce, 3, captured[0].auxHash()));
        KeyExchangeStep.Fail f = assertInstanceOf(KeyExchangeStep.Fail.class, client.receive(fail));
        assertTrue(f.reason().contains("dh_gen_fail"));
        assertFalse(client.inProgress());
    }

    @Test
    void resentReqPqGetsTheSameAnswer() {
        AuthKeyExchangeClient client = Exchanges.client(1);
        AuthKeyExchangeServer server = Exchanges.server(2);
        TlObject req = client.start();
        TlObject first = server.receive(req);
        assertEquals(first, server.receive(req));
        assertNull(server.result());
    }

    @Test
    void resultToStringHidesTheKey() {
        KeyExchangeStep.Done done = (KeyExchangeStep.Done) Exchanges.run(Exchanges.client(1), Exchanges.server(2));
        String s = done.result().toString();
        String keyHex =
                HexFormat.of().formatHex(done.result().authKey().bytes()).substring(0, 16);
        assertFalse(s.contains(keyHex), s);
        assertFalse(s.contains(Long.toString(done.result().firstSalt())), s);
    }
}
