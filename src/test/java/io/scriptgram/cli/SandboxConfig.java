package io.scriptgram.cli;

import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** For CLI tests: a sandbox running in {@code dir} (login code {@link #CODE}) and config files pointing at it. */
final class SandboxConfig {
    static final String CODE = "24680";

    private SandboxConfig() {}

    static SandboxServer start(Path dir) {
        return Sandbox.start(
                new Sandbox.Options(0, null, dir.resolve("sandbox-key.pem"), null, CODE, List.of(), null),
                TlSchema.bundled());
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
