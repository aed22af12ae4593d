package io.scriptgram.console;

import io.scriptgram.client.Endpoint;
import io.scriptgram.config.Config;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.Connection;
import io.scriptgram.host.Host;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * A host on its in-process sandbox with its console on a free loopback port, a second and a third sandbox account that
 * are not logged in (for the browser logins: phone and code, and QR), and an HTTP client that keeps everything it
 * received and every log line, so a test can scan them all for secrets.
 */
final class ConsoleFixture implements AutoCloseable {
    static final TlSchema SCHEMA = TlSchema.bundled();
    /** Distinctive values that must never come back from the console or reach the log. */
    static final String API_HASH = "5e3c7a9b1d2f4e6a8c0b9d7f5e3a1c2b";

    static final String CODE = "73915826";
    static final String PASSWORD = "sandbox-password"; // Dave's 2FA password in the bundled world

    final Path root, scripts;
    final Config config;
    final Host host;
    final Connection second, third;
    final ConsoleHost view;
    final Console console;
    final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    /** Every response: status, headers and body. */
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    /** Every log line written while the fixture ran. */
    final List<String> logLines = Collections.synchronizedList(new ArrayList<>());

    private final Handler logCapture = new Handler() {
        private final SimpleFormatter f = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            logLines.add(f.format(r));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    ConsoleFixture(Path root, String... scriptFiles) throws Exception {
        this.root = root;
        logCapture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(logCapture);
        scripts = Files.createDirectories(root.resolve("scripts"));
        for (int i = 0; i + 1 < scriptFiles.length; i += 2)
            Files.writeString(scripts.resolve(scriptFiles[i]), scriptFiles[i + 1]);
        Files.writeString(
                root.resolve("config.yml"),
                String.join(
                        "\n",
                        "mode: sandbox",
                        "api_hash: " + API_HASH,
                        "session: data/s.session",
                        "sandbox: {chatter: false, key: k.pem, code: \"" + CODE + "\"}",
                        "scripts: {dirs: [scripts], plugins: plugins, timeout: 2s}",
                        "console: {listen: \"127.0.0.1:0\"}",
                        ""));
        config = ConfigLoader.load(root.resolve("config.yml"), Map.of());
        host = Host.start(config, SCHEMA);
        second = Connection.runningSandbox(
                SCHEMA,
                new Endpoint("127.0.0.1", host.connection().localSandbox().port(1)),
                host.connection().localSandbox().publicKey(),
                new TransportChoice(TransportChoice.Protocol.INTERMEDIATE, false));
        third = Connection.runningSandbox(
                SCHEMA,
                new Endpoint("127.0.0.1", host.connection().localSandbox().port(1)),
                host.connection().localSandbox().publicKey(),
                new TransportChoice(TransportChoice.Protocol.INTERMEDIATE, false));
        Instant started = Instant.now();
        view = ConsoleHost.of(
                () -> List.of(host.account(), second.account(), third.account()),
                host.plugins(),
                host.scripts(),
                () -> host.scheduler().jobs(),
                host.account().store().scripts(),
                SCHEMA,
                started,
                "sandbox (in-process sandbox)");
        console = Console.start(config.console(), view);
    }

    String base() {
        return console.server().baseUrl();
    }

    /** The token as the host printed it (from the banner's URL). */
    String token() throws IOException {
        return Files.readString(config.console().tokenFile()).trim();
    }

    record Resp(int status, String body, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase());
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    Resp get(String path, String cookie) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base() + path.substring(1))).timeout(Duration.ofSeconds(30));
        if (cookie != null) b.header("Cookie", cookie);
        return send(b.GET().build());
    }

    Resp getBearer(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base() + path.substring(1)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    Resp post(String path, String cookie, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path.substring(1)))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) b.header("Cookie", cookie);
        return send(b.POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private Resp send(HttpRequest r) throws Exception {
        HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
        received.add(resp.statusCode() + " " + resp.headers().map() + "\n" + resp.body());
        return new Resp(resp.statusCode(), resp.body(), resp.headers().map());
    }

    /** Opens a session with the token: the cookie ("name=value") the console set. */
    String login() throws Exception {
        Resp r = get("/?token=" + token(), null);
        if (r.status() != 303) throw new AssertionError("token refused: " + r);
        String set = r.header("set-cookie");
        return set.substring(0, set.indexOf(';'));
    }

    /** The CSRF token a page carries for its forms. */
    static String csrf(Resp page) {
        String marker = "<meta name=\"csrf\" content=\"";
        int at = page.body().indexOf(marker);
        if (at < 0) throw new AssertionError("no csrf meta in " + page.body());
        int from = at + marker.length();
        return page.body().substring(from, page.body().indexOf('"', from));
    }

    @Override
    public void close() {
        console.close();
        second.close();
        third.close();
        host.close();
        Logger.getLogger("").removeHandler(logCapture);
    }
}
