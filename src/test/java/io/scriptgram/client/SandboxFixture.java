package io.scriptgram.client;

import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.Faults;
import io.scriptgram.sandbox.Handlers;
import io.scriptgram.sandbox.SandboxKeys;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.sandbox.World;
import io.scriptgram.sandbox.WorldLoader;
import io.scriptgram.store.SessionStore;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A sandbox on 127.0.0.1 with the default world, and real clients connected to it over TCP. */
final class SandboxFixture implements AutoCloseable {
    static final TlSchema SCHEMA = TlSchema.bundled();
    static final String ACCOUNT_PHONE = "+999 66 1 1234";
    static final String ALICE_PHONE = "+999 66 1 1001";
    static final long ALICE_ID = 1000002, ALICE_HASH = 7100000000000002L;
    private static RSAPrivateKey key;

    final SandboxServer server;
    final Faults faults = new Faults();
    private final List<RpcClient> clients = new ArrayList<>();

    SandboxFixture() {
        SecureRandom random = new SecureRandom();
        World world = WorldLoader.loadDefault(InstantSource.system(), random);
        server = new SandboxServer(
                        world, Handlers.standard(world, faults), rsaKey(), SCHEMA, InstantSource.system(), random)
                .start(0);
    }

    static synchronized RSAPrivateKey rsaKey() {
        if (key == null) key = SandboxKeys.generate(new SecureRandom());
        return key;
    }

    /** A client speaking {@code transport}; its updates land in {@code updates}. */
    RpcClient client(TransportChoice transport, LinkedBlockingQueue<TlObject> updates) {
        return client(
                ClientSettings.of(4, "sandbox-api-hash", transport, List.of(server.publicKey()))
                        .withRequestTimeout(Duration.ofSeconds(20)),
                updates);
    }

    /** An account on {@code store} (opened, not logged in yet), speaking abridged to this sandbox. */
    Account account(SessionStore store) {
        ClientSettings settings = ClientSettings.of(
                        4, "sandbox-api-hash", TransportChoice.parse("abridged"), List.of(server.publicKey()))
                .withRequestTimeout(Duration.ofSeconds(20));
        return Account.open(new Account.Options(
                settings,
                SCHEMA,
                new DcDirectory(1, new Endpoint("127.0.0.1", server.port(1))),
                store,
                InstantSource.system(),
                new SecureRandom()));
    }

    RpcClient client(ClientSettings settings, LinkedBlockingQueue<TlObject> updates) {
        RpcClient c = RpcClient.ephemeral(
                settings, SCHEMA, new Endpoint("127.0.0.1", server.port(1)), updates == null ? u -> {} : updates::add);
        clients.add(c);
        return c;
    }

    static Object call(RpcClient c, String method, Map<String, ?> params) throws Exception {
        try {
            return c.invoke(method, params).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable t = RpcClient.cause(e);
            if (t instanceof Exception ex) throw ex;
            throw e;
        }
    }

    static TlObject obj(RpcClient c, String method, Map<String, ?> params) throws Exception {
        return (TlObject) call(c, method, params);
    }

    /** Logs in with the sandbox's fixed code. */
    static TlObject login(RpcClient c, String phone) throws Exception {
        TlObject user = Login.withCode(c, phone, "12345").get(30, TimeUnit.SECONDS);
        return TlObject.of(SCHEMA, "auth.authorization", Map.of("user", user));
    }

    static TlObject inputPeerAlice() {
        return TlObject.of(SCHEMA, "inputPeerUser", Map.of("user_id", ALICE_ID, "access_hash", ALICE_HASH));
    }

    @Override
    public void close() {
        for (RpcClient c : clients) c.close();
        server.close();
    }
}
