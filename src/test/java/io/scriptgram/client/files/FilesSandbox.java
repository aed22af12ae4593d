package io.scriptgram.client.files;

import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.crypto.RsaPrivateKeys;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.sandbox.Faults;
import io.scriptgram.sandbox.Handler;
import io.scriptgram.sandbox.Handlers;
import io.scriptgram.sandbox.SandboxRpcError;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.sandbox.World;
import io.scriptgram.sandbox.WorldLoader;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The default sandbox world on 127.0.0.1 with real clients logged in over TCP, and a record of every upload.* call the
 * sandbox received (method, DC, part or offset).
 */
final class FilesSandbox implements AutoCloseable {
    static final TlSchema SCHEMA = TlSchema.bundled();
    static final String SANDY_PHONE = "+999 66 1 1234", CAROL_PHONE = "+999 66 2 2001";
    static final long SANDY_ID = 1000001,
            SANDY_HASH = 7100000000000001L,
            ALICE_ID = 1000002,
            ALICE_HASH = 7100000000000002L;
    private static RSAPrivateKey key;

    /** One upload.* request as the sandbox saw it. */
    record Call(String method, int dc, long fileId, long part, long offset, int limit) {}

    final SandboxServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** When set, every upload.getFile answers this (a test's fault) instead of the file. */
    volatile SandboxRpcError getFileFails;

    private final List<RpcClient> clients = new ArrayList<>();

    FilesSandbox() {
        this(WorldLoader.loadDefault(InstantSource.system(), new SecureRandom()));
    }

    /** Over {@code world} (a test's own world file). */
    FilesSandbox(World world) {
        SecureRandom random = new SecureRandom();
        Handlers handlers = Handlers.standard(world, new Faults());
        for (String m : List.of("upload.saveFilePart", "upload.saveBigFilePart", "upload.getFile")) {
            Handler real = handlers.handler(m);
            handlers.register(m, (ctx, req) -> {
                boolean get = m.equals("upload.getFile");
                calls.add(new Call(
                        m,
                        ctx.dc(),
                        get ? 0 : req.getLong("file_id"),
                        get ? -1 : req.getInt("file_part"),
                        get ? req.getLong("offset") : -1,
                        get ? req.getInt("limit") : -1));
                if (get && getFileFails != null) throw getFileFails;
                return real.handle(ctx, req);
            });
        }
        server = new SandboxServer(world, handlers, rsaKey(), SCHEMA, InstantSource.system(), random).start(0);
    }

    private static synchronized RSAPrivateKey rsaKey() {
        if (key == null)
            key = (RSAPrivateKey) RsaPrivateKeys.generate(new SecureRandom()).getPrivate();
        return key;
    }

    /** A client logged in as {@code phone} (following PHONE_MIGRATE to its home DC). */
    RpcClient login(String phone) throws Exception {
        ClientSettings settings = ClientSettings.of(
                        4, "sandbox-api-hash", TransportChoice.parse("intermediate"), List.of(server.publicKey()))
                .withRequestTimeout(Duration.ofSeconds(30));
        RpcClient c = RpcClient.ephemeral(settings, SCHEMA, new Endpoint("127.0.0.1", server.port(1)), u -> {});
        clients.add(c);
        get(Login.withCode(c, phone, "12345"));
        return c;
    }

    static TlObject call(RpcClient c, String method, Map<String, ?> params) throws Exception {
        return (TlObject) get(c.invoke(method, params));
    }

    /** The future's value, or what it failed with (unwrapped). */
    static <T> T get(Future<T> f) throws Exception {
        try {
            return f.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable t = RpcClient.cause(e);
            if (t instanceof Exception ex) throw ex;
            throw e;
        }
    }

    /** Sends an uploaded file as a document to {@code peer}; returns the document the server made. */
    static TlObject sendDocument(RpcClient c, TlObject inputFile, TlObject peer) throws Exception {
        TlObject media = TlObject.of(
                SCHEMA,
                "inputMediaUploadedDocument",
                Map.of("file", inputFile, "mime_type", "application/octet-stream", "attributes", List.of()));
        TlObject updates = call(c, "messages.sendMedia", Map.of("peer", peer, "media", media, "message", ""));
        for (Object u : updates.getList("updates")) {
            TlObject update = (TlObject) u;
            if (update.name().equals("updateNewMessage"))
                return update.getObject("message").getObject("media").getObject("document");
        }
        throw new AssertionError("no updateNewMessage in " + updates);
    }

    static TlObject peerAlice() {
        return TlObject.of(SCHEMA, "inputPeerUser", Map.of("user_id", ALICE_ID, "access_hash", ALICE_HASH));
    }

    static TlObject peerSandy() {
        return TlObject.of(SCHEMA, "inputPeerUser", Map.of("user_id", SANDY_ID, "access_hash", SANDY_HASH));
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /**
     * Writes {@code size} bytes from a generator seeded with {@code seed}, 1 MiB at a time (no full copy in memory).
     */
    static Path writeRandomFile(Path file, long size, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(buf.length, left);
                r.nextBytes(buf);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return file;
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    @Override
    public void close() {
        for (RpcClient c : clients) c.close();
        server.close();
    }
}
