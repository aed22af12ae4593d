package io.scriptgram.mtproto;

import io.scriptgram.crypto.RsaPrivateKeys;
import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;

/** Shared fixtures: one server RSA key per test run, seeded client/server pairs, a driver loop. */
final class Exchanges {
    static final TlSchema SCHEMA = TlSchema.bundled();
    static final TlCodec CODEC = new TlCodec(SCHEMA);
    static final InstantSource SERVER_CLOCK = InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000L));
    static final InstantSource CLIENT_CLOCK = InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000L - 42));

    private Exchanges() {}

    private static final class Key {
        static final KeyPair PAIR = RsaPrivateKeys.generate(new SecureRandom());
    }

    static RSAPrivateKey serverKey() {
        return (RSAPrivateKey) Key.PAIR.getPrivate();
    }

    static RsaPublicKey serverPublicKey() {
        return RsaPrivateKeys.publicKey(serverKey());
    }

    static AuthKeyExchangeClient client(long seed) {
        return new AuthKeyExchangeClient(List.of(serverPublicKey()), 2, new SplittableRandom(seed), CLIENT_CLOCK);
    }

    static AuthKeyExchangeServer server(long seed) {
        return new AuthKeyExchangeServer(List.of(serverKey()), new SplittableRandom(seed), SERVER_CLOCK);
    }

    /** Runs the exchange to the end in memory; returns the client's last step. */
    static KeyExchangeStep run(AuthKeyExchangeClient client, AuthKeyExchangeServer server) {
        TlObject request = client.start();
        for (int i = 0; i < 20; i++) {
            TlObject answer = server.receive(roundTrip(request));
            KeyExchangeStep step = client.receive(roundTrip(answer));
            if (!(step instanceof KeyExchangeStep.Send send)) return step;
            request = send.request();
        }
        throw new AssertionError("exchange did not finish in 20 round trips");
    }

    /** Through the wire form, so every message is really encoded and decoded. */
    static TlObject roundTrip(TlObject o) {
        return CODEC.decode(TlCodec.encode(o));
    }
}
