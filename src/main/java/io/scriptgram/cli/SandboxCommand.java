package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.config.ProxyLinks;
import io.scriptgram.host.UserError;
import io.scriptgram.net.MtProxyFront;
import io.scriptgram.net.ServerLimits;
import io.scriptgram.sandbox.Sandbox;
import io.scriptgram.sandbox.SandboxKeys;
import io.scriptgram.sandbox.SandboxServer;
import io.scriptgram.sandbox.SandboxUser;
import io.scriptgram.sandbox.World;
import io.scriptgram.tl.TlSchema;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sandbox}: the offline Telegram in the foreground, until Ctrl-C. */
@Command(
        name = "sandbox",
        description = "Runs the offline Telegram (MTProto server + in-memory world) on 127.0.0.1 until Ctrl-C.")
public final class SandboxCommand implements Runnable {
    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "DC 1's port (0: any free port; DC 2 takes another). Default: ${DEFAULT-VALUE}")
    int port = 0;

    @Option(
            names = "--schema",
            paramLabel = "FILE",
            description = "Also answer clients of this .tl schema's layer (repeatable; the bundled layer is always "
                    + "served, and config.yml's schema: too). Each session is answered in the layer its client names, "
                    + "or the nearest one served.")
    List<Path> schemas = new ArrayList<>();

    @Option(names = "--world", paramLabel = "FILE", description = "A world fixture (YAML) instead of the bundled one.")
    Path world;

    @Option(
            names = "--key",
            paramLabel = "FILE",
            description = "PKCS#8 PEM private key, created when missing. Default: ${DEFAULT-VALUE}")
    Path key = Path.of("data/sandbox-key.pem");

    @Option(
            names = "--public-key",
            paramLabel = "FILE",
            description = "Where its PKCS#1 PEM public key is written (default: beside the key).")
    Path publicKey;

    @Option(
            names = "--code",
            paramLabel = "CODE",
            description = "The login code every phone receives (default: the world's).")
    String code;

    @Option(
            names = "--fault",
            paramLabel = "SPEC",
            description = "Inject a fault: drop:N, delay:250ms, bad_salt, "
                    + "flood:METHOD:WAIT[:COUNT], "
                    + "phone_migrate:DC[:PHONE], user_migrate:DC[:USER_ID]. Repeatable.")
    List<String> faults = new ArrayList<>();

    @Option(
            names = "--chatter",
            paramLabel = "DURATION",
            description = "Simulated contacts write every DURATION (e.g. 5s).")
    String chatter;

    @Option(
            names = "--max-connections-per-address",
            paramLabel = "N",
            description = "Open connections one IP address may hold; more are answered -429. Default: ${DEFAULT-VALUE}")
    int maxConnectionsPerAddress = ServerLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;

    @Option(
            names = "--max-frame-bytes",
            paramLabel = "N",
            description =
                    "Largest packet a client may send; a longer frame is answered -429. " + "Default: ${DEFAULT-VALUE}")
    int maxFrameBytes = ServerLimits.DEFAULT_MAX_FRAME_BYTES;

    @Option(
            names = "--frame-timeout",
            paramLabel = "DURATION",
            description = "A frame begun must be complete within this, or the connection closes. "
                    + "Default: ${DEFAULT-VALUE}")
    String frameTimeout = ServerLimits.DEFAULT_FRAME_TIMEOUT.toSeconds() + "s";

    @Option(
            names = "--first-byte-timeout",
            paramLabel = "DURATION",
            description = "A connection that sends nothing for this long closes. Default: ${DEFAULT-VALUE}")
    String firstByteTimeout = ServerLimits.DEFAULT_FIRST_BYTE_TIMEOUT.toSeconds() + "s";

    @Option(
            names = "--mtproxy",
            paramLabel = "SECRET",
            description = "Also serve the DCs through an MTProxy taking SECRET (hex or base64: 16 bytes plain, "
                    + "dd + 16 bytes, or ee + 16 bytes + domain for fake-TLS). Repeatable: one port each.")
    List<String> mtproxy = new ArrayList<>();

    @Option(
            names = "--mtproxy-port",
            paramLabel = "N",
            description = "The first MTProxy's port (0: any free port; later ones take free ports). "
                    + "Default: ${DEFAULT-VALUE}")
    int mtproxyPort = 0;

    @Option(
            names = "--ipv6",
            description = "Also serve every DC on [::1] (listed in help.getConfig with the ipv6 flag, for clients "
                    + "with prefer_ipv6).")
    boolean ipv6;

    @Override
    public void run() {
        List<TlSchema> layers = layers(config.loadIfPresent());
        Duration every = chatter == null ? null : CliDurations.parse("--chatter", chatter);
        ServerLimits limits = limits();
        List<byte[]> secrets = new ArrayList<>();
        for (String m : mtproxy) {
            try {
                secrets.add(ProxyLinks.secret(m));
            } catch (IllegalArgumentException e) {
                throw new UserError("--mtproxy: " + e.getMessage(), e);
            }
        }
        SandboxServer server;
        List<MtProxyFront> fronts = new ArrayList<>();
        try {
            server = Sandbox.start(
                    new Sandbox.Options(port, world, key, publicKey, code, faults, every, limits), layers);
        } catch (RuntimeException e) {
            throw new UserError("sandbox: " + e.getMessage(), e);
        }
        try {
            if (ipv6) server.listenIpv6();
            for (int i = 0; i < secrets.size(); i++)
                fronts.add(server.addMtProxy(i == 0 ? mtproxyPort : 0, secrets.get(i)));
        } catch (RuntimeException e) {
            server.close();
            throw new UserError("sandbox: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "sandbox-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        World w = server.world();
        SandboxUser me = w.user(w.accountId());
        for (Map.Entry<Integer, Integer> e : new TreeMap<>(server.ports()).entrySet()) {
            out.printf("sandbox: DC %d at 127.0.0.1:%d%n", e.getKey(), e.getValue());
        }
        out.printf(
                "sandbox: RSA key fingerprint %016x; private key %s, public key %s%n",
                server.publicKey().fingerprint(),
                key,
                publicKey != null ? publicKey : SandboxKeys.defaultPublicKeyFile(key));
        out.printf(
                "sandbox: layers %s; login code %s for every phone (the account is %s, @%s)%n",
                server.layers().numbers(), w.loginCode(), me.phone(), me.username());
        for (Map.Entry<Integer, Integer> e : new TreeMap<>(server.ipv6Ports()).entrySet()) {
            out.printf("sandbox: DC %d also at [::1]:%d%n", e.getKey(), e.getValue());
        }
        for (MtProxyFront f : fronts) {
            // The secret is the user's own; it is not echoed (terminal scrollback and logs keep what is printed).
            out.printf(
                    "sandbox: MTProxy (%s) at 127.0.0.1:%d; config: proxy: tg://proxy?server=127.0.0.1&port=%d&secret=SECRET%n",
                    f.describe(), f.port(), f.port());
        }
        if (every != null) out.printf("sandbox: chatter every %s%n", chatter);
        if (!faults.isEmpty()) out.printf("sandbox: faults %s%n", server.faults());
        out.printf(
                "sandbox: limits %d connections per address, frames up to %d bytes, %d ms per frame, "
                        + "%d ms to the first byte%n",
                limits.maxConnectionsPerAddress(),
                limits.maxFrameBytes(),
                limits.frameTimeout().toMillis(),
                limits.firstByteTimeout().toMillis());
        out.println("sandbox: running; Ctrl-C stops it");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The layers to serve besides the bundled one: config.yml's schema, then each --schema. */
    private List<TlSchema> layers(Config cfg) {
        List<TlSchema> out = new ArrayList<>();
        if (cfg != null && cfg.schema() != null) out.add(SchemaOption.read(cfg.schema(), "schema (config.yml)"));
        for (Path f : schemas) out.add(SchemaOption.read(f, "--schema"));
        return out;
    }

    private ServerLimits limits() {
        ServerLimits d = ServerLimits.defaults();
        ServerLimits a = checked(
                "--max-connections-per-address", () -> d.withMaxConnectionsPerAddress(maxConnectionsPerAddress));
        ServerLimits b = checked("--max-frame-bytes", () -> a.withMaxFrameBytes(maxFrameBytes));
        ServerLimits c = checked(
                "--frame-timeout", () -> b.withFrameTimeout(CliDurations.parse("--frame-timeout", frameTimeout)));
        return checked(
                "--first-byte-timeout",
                () -> c.withFirstByteTimeout(CliDurations.parse("--first-byte-timeout", firstByteTimeout)));
    }

    /** A limit the server refuses is reported under the flag that set it. */
    private static ServerLimits checked(String option, Supplier<ServerLimits> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage(), e);
        }
    }
}
