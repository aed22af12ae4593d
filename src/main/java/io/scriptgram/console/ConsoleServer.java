package io.scriptgram.console;

import io.scriptgram.config.Config;
import java.io.IOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The console's HTTP(S) server (Jetty, only here). Every request but the static files needs the token: once, as
 * {@code ?token=} on any page (which opens a cookie session and redirects to the same page without it), or as
 * {@code Authorization: Bearer TOKEN} (scrapers, scripts). A change is a POST carrying the session's CSRF token. A
 * request without them gets 401 with a body that says nothing about the host.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("scriptgram.console");
    static final String UNAUTHORIZED = "401 Unauthorized: open the console with the URL the host printed at its first"
            + " start (the token is in the data folder's console-token file).\n";

    private final Config.Console settings;
    private final ConsoleToken token;
    private final Sessions sessions = new Sessions();
    private final Pages pages;
    private final Server server;
    private final ServerConnector connector;
    private final boolean movedPort;

    private ConsoleServer(Config.Console settings, ConsoleToken token, Pages pages) throws Exception {
        this.settings = settings;
        this.token = token;
        this.pages = pages;
        QueuedThreadPool pool = new QueuedThreadPool(64, 2);
        pool.setName("console");
        pool.setDaemon(true);
        // Live log streams each hold a thread while open: virtual ones cost next to nothing.
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(pool);
        server.setStopTimeout(1000);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        if (settings.tls()) {
            http.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            char[] pw = PemKeys.password();
            ssl.setKeyStore(PemKeys.keyStore(settings.tlsCert(), settings.tlsKey(), pw));
            ssl.setKeyStorePassword(new String(pw));
            connector = new ServerConnector(
                    server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        boolean moved = false;
        try {
            connector.open();
        } catch (IOException e) {
            if (!(e instanceof BindException) && !(e.getCause() instanceof BindException)) throw e;
            moved = true;
            connector.setPort(0);
            connector.open();
        }
        movedPort = moved;
        server.addConnector(connector);
        server.setHandler(new Dispatch());
        server.start();
    }

    /** Starts the console; a busy port is replaced by a free one (said in {@link #banner}). */
    public static ConsoleServer start(Config.Console settings, ConsoleToken token, Pages pages) {
        try {
            return new ConsoleServer(settings, token, pages);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "the console cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(),
                    e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:8090/}. */
    public String baseUrl() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return (settings.tls() ? "https" : "http") + "://" + host + ":" + port() + "/";
    }

    /** The ready-to-click URL with the token: shown once, when the token is new. */
    public String tokenUrl() {
        return baseUrl() + "?token=" + token.value();
    }

    /** What {@code run} prints: where the console is, and the token URL the first time. */
    public String banner() {
        StringBuilder b = new StringBuilder();
        if (movedPort)
            b.append("scriptgram: console port ")
                    .append(settings.port())
                    .append(" is busy; using ")
                    .append(port())
                    .append(" instead\n");
        if (token.fresh())
            b.append("scriptgram: console at ")
                    .append(tokenUrl())
                    .append("\n  (the token is shown this once; it is kept in ")
                    .append(settings.tokenFile())
                    .append(")");
        else
            b.append("scriptgram: console at ")
                    .append(baseUrl())
                    .append(" (token: ")
                    .append(settings.tokenFile())
                    .append(")");
        return b.toString();
    }

    @Override
    public void close() {
        pages.logs().close(); // open log streams end within a second
        try {
            server.stop();
        } catch (Exception e) {
            LOG.fine("console stop: " + e);
        }
    }

    private final class Dispatch extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            try {
                serve(request, response, callback);
            } catch (Exception | StackOverflowError e) {
                LOG.warning("console: " + request.getMethod() + " "
                        + request.getHttpURI().getPath() + " failed: " + e);
                if (!response.isCommitted()) write(response, callback, Reply.text(500, "500: the page failed\n"));
                else callback.failed(e);
            }
            return true;
        }
    }

    private void serve(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path == null || path.isEmpty()) path = "/";
        headers(response);
        if (path.startsWith("/static/")) {
            staticFile(path.substring("/static/".length()), response, callback);
            return;
        }
        Map<String, String> query = Call.parseFields(request.getHttpURI().getQuery());
        // ?token= opens a session and sends the browser on to the same page without the token in its address bar.
        String given = query.get("token");
        if (given != null) {
            if (!token.matches(given)) {
                write(response, callback, Reply.text(401, UNAUTHORIZED));
                return;
            }
            Sessions.Session s = sessions.open();
            Response.addCookie(
                    response,
                    HttpCookie.build(Sessions.COOKIE, s.id())
                            .path("/")
                            .httpOnly(true)
                            .secure(settings.tls())
                            .sameSite(HttpCookie.SameSite.STRICT)
                            .maxAge(Sessions.LIFETIME.toSeconds())
                            .build());
            write(response, callback, Reply.seeOther(path));
            return;
        }
        Sessions.Session session = null;
        for (HttpCookie c : cookies(request))
            if (c.getName().equals(Sessions.COOKIE)) session = sessions.find(c.getValue());
        boolean bearer = false;
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (session == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7))
            bearer = token.matches(auth.substring(7));
        if (session == null && !bearer) {
            write(response, callback, Reply.text(401, UNAUTHORIZED));
            return;
        }
        String method = request.getMethod();
        Map<String, String> form = Map.of();
        if (method.equals("POST")) {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            form = body.length() > 64 * 1024 ? Map.of() : Call.parseFields(body);
            // A browser session must prove the page was ours; a bearer client cannot be made to send the token by
            // another site, so it needs no CSRF token.
            if (session != null) {
                String csrf = request.getHeaders().get("X-CSRF-Token");
                if (csrf == null) csrf = form.get("csrf");
                if (!session.csrfMatches(csrf)) {
                    write(
                            response,
                            callback,
                            Reply.text(
                                    403,
                                    "403 Forbidden: the change was refused (no valid CSRF"
                                            + " token: reload the page and try again)\n"));
                    return;
                }
            }
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            write(response, callback, Reply.text(405, "405: GET or POST only\n"));
            return;
        }
        Call call = new Call(method, path, query, form, session);
        if (path.equals("/logs/stream")) {
            pages.logs().stream(call, response, callback);
            return;
        }
        write(response, callback, pages.handle(call));
    }

    private static List<HttpCookie> cookies(Request request) {
        List<HttpCookie> c = Request.getCookies(request);
        return c == null ? List.of() : c;
    }

    /** Caching off (pages hold live state and CSRF tokens), no framing, no referrer (a token URL must not leak). */
    private static void headers(Response response) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders()
                .put(
                        "Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
    }

    private static final Map<String, byte[]> ASSETS = new HashMap<>();

    private static void staticFile(String name, Response response, Callback callback) throws IOException {
        if (!name.equals("console.css") && !name.equals("console.js")) {
            write(response, callback, Reply.notFound(name));
            return;
        }
        byte[] body;
        synchronized (ASSETS) {
            body = ASSETS.get(name);
            if (body == null) ASSETS.put(name, body = DocsSite.asset(name));
        }
        response.setStatus(200);
        response.getHeaders()
                .put(HttpHeader.CONTENT_TYPE, name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static void write(Response response, Callback callback, Reply r) {
        response.setStatus(r.status());
        if (r.location() != null) response.getHeaders().put(HttpHeader.LOCATION, r.location());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        Content.Sink.write(response, true, r.body(), callback);
    }
}
