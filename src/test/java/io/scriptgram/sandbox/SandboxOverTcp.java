package io.scriptgram.sandbox;

import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.RpcClient;
import io.scriptgram.net.ServerLimits;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;

/** A sandbox listening on 127.0.0.1 and a real client for it, for tests that need the wire between them. */
final class SandboxOverTcp {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SandboxOverTcp() {}

    static World world() {
        return WorldLoader.loadDefault(InstantSource.system(), RANDOM);
    }

    static SandboxServer start(World world, Handlers handlers, ServerLimits limits) {
        RSAPrivateKey key = SandboxKeys.generate(RANDOM);
        return new SandboxServer(world, handlers, key, SandboxHarness.SCHEMA, InstantSource.system(), RANDOM, limits)
                .start(0);
    }

    /** An intermediate-transport client of DC 1, with no login. */
    static RpcClient client(SandboxServer server) {
        return client(server, SandboxHarness.SCHEMA, u -> {});
    }

    /** A client of DC 1 speaking {@code schema}'s layer; its updates go to {@code updates}. */
    static RpcClient client(SandboxServer server, TlSchema schema, Consumer<TlObject> updates) {
        ClientSettings settings = ClientSettings.of(
                        4, "sandbox-api-hash", TransportChoice.parse("intermediate"), List.of(server.publicKey()))
                .withRequestTimeout(Duration.ofSeconds(20));
        return RpcClient.ephemeral(settings, schema, new Endpoint("127.0.0.1", server.port(1)), updates);
    }
}
