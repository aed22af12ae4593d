package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fetch from JS and Python against a local HTTP server on 127.0.0.1 that the plugin lists explicitly: answers come back
 * with status, headers and body; an unlisted host, a redirect to one, a name that resolves to a private address, an
 * answer over the size limit and a plugin without network: are each refused with a message saying why.
 */
class ScriptFetchTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private int port;
    private ScriptHost host;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        port = server.getAddress().getPort();
        server.createContext("/json", ex -> reply(ex, 200, "application/json", "{\"a\": 1, \"b\": [\"x\"]}"));
        server.createContext("/echo", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            reply(
                    ex,
                    201,
                    "text/plain",
                    ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("X-Test") + " " + body);
        });
        server.createContext("/hop", ex -> {
            ex.getResponseHeaders().add("Location", "/json");
            reply(ex, 302, "text/plain", "");
        });
        server.createContext("/away", ex -> {
            ex.getResponseHeaders().add("Location", "http://unlisted.example.com/steal");
            reply(ex, 302, "text/plain", "");
        });
        server.createContext("/big", ex -> reply(ex, 200, "text/plain", "x".repeat(4096)));
        server.createContext("/bigchunked", ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: no length announced
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 16; i++) out.write("y".repeat(512).getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the client hung up at the limit
            }
        });
        server.start();
        host = new ScriptHost(FakeApi.bundled(), null, null, null, Duration.ofSeconds(10));
        host.setFetchLimits(1024, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (host != null) host.close();
        if (server != null) server.stop(0);
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private void load(String name, String file, String code, List<String> network) {
        Path entry = Scripts.write(dir.resolve(name), file, code);
        ScriptLanguage lang = file.endsWith(".py") ? ScriptLanguage.PYTHON : ScriptLanguage.JS;
        host.load(new ScriptSpec(name, entry.getParent(), entry, lang, Map.of(), null, List.of(), network));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void jsFetchesAndIsRefusedWhereItMustBe() throws Exception {
        LinkedBlockingQueue<LogRecord> log = Scripts.capture("fetchjs");
        load("fetchjs", "main.js", """
                const base = '%s';
                const show = async (what, p) => {
                  try { log.info(what + ' ok ' + await p); } catch (e) { log.info(what + ' refused ' + e.message); }
                };
                await show('json', fetch(base + '/json').then(async (r) =>
                    [r.status, r.ok, r.headers.get('Content-Type'), JSON.stringify(await r.json())].join(' ')));
                await show('echo', fetch(base + '/echo', {method: 'POST', headers: {'X-Test': 'h1'}, body: 'hello'})
                    .then(async (r) => r.status + ' ' + await r.text()));
                await show('bytes', fetch(base + '/json').then(async (r) => (await r.arrayBuffer()).byteLength));
                await show('hop', fetch(base + '/hop').then((r) => r.status + ' ' + r.url));
                await show('unlisted', fetch('https://unlisted.example.com/x'));
                await show('away', fetch(base + '/away'));
                await show('private', fetch('http://localhost:%d/json'));
                await show('big', fetch(base + '/big'));
                await show('chunked', fetch(base + '/bigchunked').then((r) => r.text()));
                log.info('done');
                """.formatted(base(), port), List.of("127.0.0.1:" + port, "localhost:" + port));
        assertEquals(
                "json ok 200 true application/json {\"a\":1,\"b\":[\"x\"]}",
                Scripts.awaitLog(log, "json ").getMessage());
        assertEquals("echo ok 201 POST h1 hello", Scripts.awaitLog(log, "echo ").getMessage());
        assertEquals("bytes ok 20", Scripts.awaitLog(log, "bytes ").getMessage());
        assertEquals(
                "hop ok 200 " + base() + "/json", Scripts.awaitLog(log, "hop ").getMessage());
        assertRefusals(log);
    }

    @Test
    void pythonFetchesAndIsRefusedWhereItMustBe() throws Exception {
        LinkedBlockingQueue<LogRecord> log = Scripts.capture("fetchpy");
        load("fetchpy", "main.py", """
                base = '%s'
                def show(what, fn):
                    try:
                        log.info(what + ' ok ' + str(fn()))
                    except Exception as e:
                        log.info(what + ' refused ' + str(e))
                def js(r):
                    return f"{r.status} {r.ok} {r.headers['content-type']} {r.json()}"
                show('json', lambda: js(fetch(base + '/json')))
                show('echo', lambda: (lambda r: f"{r.status} {r.text}")(
                    fetch(base + '/echo', method='POST', headers={'X-Test': 'h1'}, body='hello')))
                show('bytes', lambda: len(fetch(base + '/json').content))
                show('hop', lambda: (lambda r: f"{r.status} {r.url}")(fetch(base + '/hop')))
                show('unlisted', lambda: fetch('https://unlisted.example.com/x'))
                show('away', lambda: fetch(base + '/away'))
                show('private', lambda: fetch('http://localhost:%d/json'))
                show('big', lambda: fetch(base + '/big'))
                show('chunked', lambda: fetch(base + '/bigchunked').text)
                log.info('done')
                """.formatted(base(), port), List.of("127.0.0.1:" + port, "localhost:" + port));
        assertEquals(
                "json ok 200 True application/json {'a': 1, 'b': ['x']}",
                Scripts.awaitLog(log, "json ").getMessage());
        assertEquals("echo ok 201 POST h1 hello", Scripts.awaitLog(log, "echo ").getMessage());
        assertEquals("bytes ok 20", Scripts.awaitLog(log, "bytes ").getMessage());
        assertEquals(
                "hop ok 200 " + base() + "/json", Scripts.awaitLog(log, "hop ").getMessage());
        assertRefusals(log);
    }

    private void assertRefusals(LinkedBlockingQueue<LogRecord> log) throws InterruptedException {
        assertEquals(
                "unlisted refused fetch https://unlisted.example.com/x: unlisted.example.com:443 is not in this"
                        + " plugin's network: list [127.0.0.1:" + port + ", localhost:" + port + "] (add it to"
                        + " plugin.yml to allow it)",
                Scripts.awaitLog(log, "unlisted ").getMessage());
        assertEquals(
                "away refused fetch: redirect to http://unlisted.example.com/steal: unlisted.example.com:80 is not in"
                        + " this plugin's network: list [127.0.0.1:" + port + ", localhost:" + port + "] (add it to"
                        + " plugin.yml to allow it)",
                Scripts.awaitLog(log, "away ").getMessage());
        String priv = Scripts.awaitLog(log, "private ").getMessage();
        assertTrue(
                priv.startsWith("private refused fetch http://localhost:" + port + "/json: localhost resolves to [")
                        && priv.endsWith(", a private, loopback or link-local address; a plugin reaches those only by"
                                + " listing the address itself in network:"),
                priv);
        assertEquals(
                "big refused fetch " + base() + "/big: the response is 4096 bytes, over the limit of 1024",
                Scripts.awaitLog(log, "big ").getMessage());
        assertEquals(
                "chunked refused fetch " + base() + "/bigchunked: the response is over the limit of 1024 bytes",
                Scripts.awaitLog(log, "chunked ").getMessage());
        Scripts.awaitLog(log, "done");
    }

    @Test
    void noNetworkListMeansNoNetwork() throws Exception {
        LinkedBlockingQueue<LogRecord> js = Scripts.capture("nonetjs");
        LinkedBlockingQueue<LogRecord> py = Scripts.capture("nonetpy");
        load("nonetjs", "main.js", """
                try { await fetch('%s/json'); log.info('fetched'); } catch (e) { log.info('refused ' + e.message); }
                """.formatted(base()), List.of());
        load("nonetpy", "main.py", """
                try:
                    fetch('%s/json')
                    log.info('fetched')
                except Exception as e:
                    log.info('refused ' + str(e))
                """.formatted(base()), List.of());
        String expected =
                "refused fetch: this plugin may not use the network (list hosts under network: in its" + " plugin.yml)";
        assertEquals(expected, Scripts.awaitLog(js, "refused").getMessage());
        assertEquals(expected, Scripts.awaitLog(py, "refused").getMessage());
    }
}
