package io.scriptgram.cli;

import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** For CLI tests: a sandbox running in {@code dir} (login code {@link #CODE}) and config files pointing at it. */
final class SandboxConfig {
    static final String CODE = "24680";

    private SandboxConfig() {}

    static SandboxServer start(Path dir) {
        return Sandbox.start(options(dir, 0), TlSchema.bundled());
    }

    /** A sandbox on a port below 32768 (GramJS writes the port as a signed 16-bit number). */
    static SandboxServer startBelow32768(Path dir) throws IOException {
        return start(dir, List.of(), true);
    }

    /**
     * A sandbox that also answers clients of {@code layers}, on a port below 32768 when {@code portBelow32768} (GramJS
     * writes the port as a signed 16-bit number).
     */
    static SandboxServer start(Path dir, List<TlSchema> layers, boolean portBelow32768) throws IOException {
        if (!portBelow32768) return Sandbox.start(options(dir, 0), layers);
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = 20000 + new SecureRandom().nextInt(12000);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException busy) {
                last = busy;
                continue;
            }
            try {
                return Sandbox.start(options(dir, port), layers);
            } catch (RuntimeException taken) {
                last = new IOException(taken);
            }
        }
        throw new IOException("no free port below 32768 for the sandbox", last);
    }

    private static Sandbox.Options options(Path dir, int port) {
        return new Sandbox.Options(port, null, dir.resolve("sandbox-key.pem"), null, CODE, List.of(), null);
    }

    /** Writes {@code dir/file}: mode sandbox, this sandbox's DC 1, {@code session}, and any {@code extra} lines. */
    static Path write(Path dir, String file, SandboxServer sandbox, String session, String... extra)
            throws IOException {
        List<String> lines = new ArrayList<>(List.of("mode: sandbox", "dc: 127.0.0.1:" + sandbox.port(1)));
        lines.addAll(List.of(extra));
        lines.addAll(List.of("session: " + session, "sandbox:", "  public_key: sandbox-key.pub.pem", ""));
        return Files.writeString(dir.resolve(file), String.join("\n", lines));
    }
}
