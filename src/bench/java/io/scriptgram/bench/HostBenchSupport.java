package io.scriptgram.bench;

import io.scriptgram.client.ClientSettings;
import io.scriptgram.client.Endpoint;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.Host;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the host benches share: a config.yml for the in-process sandbox, a second user who writes to the account,
 * statistics.
 */
final class HostBenchSupport {
    static final TlSchema SCHEMA = TlSchema.bundled();
    private static final String PEER_PHONE = "+999 66 1 1001";
    /** The host's sandbox account (+999 66 1 1234) as other sandbox users see it. */
    private static final long ACCOUNT_ID = 1000001, ACCOUNT_HASH = 7100000000000001L;

    private HostBenchSupport() {}

    /** Writes {@code dir/config.yml}: in-process sandbox without chatter, scripts/ and plugins/ in {@code dir}. */
    static Path config(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("scripts"));
        Files.createDirectories(dir.resolve("plugins"));
        return Files.writeString(
                dir.resolve("config.yml"),
                String.join(
                        "\n",
                        "mode: sandbox",
                        "session: s.session",
                        "sandbox: {chatter: false, key: k.pem}",
                        "scripts: {dirs: [scripts], plugins: plugins, timeout: 10s}",
                        ""));
    }

    static Host start(Path config) {
        return Host.start(ConfigLoader.load(config, Map.of()), SCHEMA);
    }

    /** Alice, logged in to the host's in-process sandbox. */
    static RpcClient peer(Host host) throws Exception {
        var sandbox = host.connection().localSandbox();
        RpcClient c = RpcClient.ephemeral(
                ClientSettings.of(4, "bench", TransportChoice.parse("intermediate"), List.of(sandbox.publicKey()))
                        .withRequestTimeout(Duration.ofSeconds(30)),
                SCHEMA,
                new Endpoint("127.0.0.1", sandbox.port(1)),
                u -> {});
        Login.withCode(c, PEER_PHONE, "12345").get(30, TimeUnit.SECONDS);
        return c;
    }

    /** {@code peer} writes {@code text} to the host's account; returns once the sandbox has it. */
    static void send(RpcClient peer, String text, long randomId) throws Exception {
        peer.invoke(
                        "messages.sendMessage",
                        Map.of(
                                "peer",
                                TlObject.of(
                                        SCHEMA,
                                        "inputPeerUser",
                                        Map.of("user_id", ACCOUNT_ID, "access_hash", ACCOUNT_HASH)),
                                "message",
                                text,
                                "random_id",
                                randomId))
                .get(30, TimeUnit.SECONDS);
    }

    static double median(double[] xs) {
        return percentile(xs, 0.50);
    }

    /** Nearest-rank percentile: the smallest value with at least {@code p} of the values at or below it. */
    static double percentile(double[] xs, double p) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /**
     * Copies {@code root}'s scripts/ and plugins/ into {@code dir}; without {@code python}, leaves out the Python
     * scripts and the plugins whose plugin.yml says {@code language: python} (a JS-only configuration).
     */
    static void copyExamples(Path root, Path dir, boolean python) throws IOException {
        for (String sub : new String[] {"scripts", "plugins"}) {
            Path from = root.resolve(sub);
            if (Files.isDirectory(from)) copyTree(from, dir.resolve(sub));
        }
        if (python) return;
        Path scripts = dir.resolve("scripts");
        if (Files.isDirectory(scripts)) {
            try (Stream<Path> files = Files.list(scripts)) {
                for (Path p : files.toList()) if (p.toString().endsWith(".py")) Files.delete(p);
            }
        }
        Path plugins = dir.resolve("plugins");
        if (!Files.isDirectory(plugins)) return;
        try (Stream<Path> ps = Files.list(plugins)) {
            for (Path p : ps.toList()) {
                Path yml = p.resolve("plugin.yml");
                if (Files.isRegularFile(yml) && Files.readString(yml).matches("(?s).*\\blanguage:\\s*python\\b.*")) {
                    delete(p);
                }
            }
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the OS cleans up what is left
        }
    }
}
