package io.scriptgram.script;

import io.scriptgram.script.NetworkPolicy.NetworkRefused;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code fetch} on the host side: the JDK's HttpClient, redirects followed here (each hop checked against the plugin's
 * network list), every address checked and pinned before the client connects ({@link PinningResolverProvider}), and
 * limits on the answer's size and the whole exchange's time.
 */
final class Fetcher {
    /** The most a response body may hold. */
    static final int DEFAULT_MAX_BYTES = 8 << 20;
    /** The longest one fetch may take, redirects and body included. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    static final int MAX_REDIRECTS = 5;

    /** Headers the client sets itself (the JDK refuses them too). */
    private static final Set<String> RESTRICTED =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

    record Request(String method, String url, Map<String, String> headers, byte[] body) {}

    record Response(int status, String url, Map<String, List<String>> headers, byte[] body) {}

    /** Redirects are never followed by the client: each hop goes back through the policy here. */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();

    private final int maxBytes;
    private final Duration timeout;

    Fetcher(int maxBytes, Duration timeout) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** Starts a fetch; a refusal or a failure completes the future exceptionally with a message for the script. */
    CompletableFuture<Response> fetch(NetworkPolicy policy, Request req) {
        if (policy.isEmpty())
            throw new NetworkRefused(
                    "fetch: this plugin may not use the network (list hosts under network: in its" + " plugin.yml)");
        if (!PinningResolverProvider.installed())
            throw new NetworkRefused("fetch: the network policy's name resolver is not installed in this JVM, so no"
                    + " request can be checked; fetch is off");
        String method = req.method() == null ? "GET" : req.method().toUpperCase(Locale.ROOT);
        if (!method.matches("GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS"))
            throw new IllegalArgumentException("fetch: unsupported method '" + req.method() + "'");
        for (String h : req.headers().keySet()) {
            if (RESTRICTED.contains(h.toLowerCase(Locale.ROOT)) || !h.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"))
                throw new IllegalArgumentException("fetch: header '" + h + "' cannot be set");
        }
        URI uri = uri(req.url());
        CompletableFuture<Response> first;
        try {
            first = hop(policy, new Request(method, uri.toString(), req.headers(), req.body()), 0);
        } catch (NetworkRefused e) {
            first = CompletableFuture.failedFuture(e);
        }
        return first.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(t -> CompletableFuture.failedFuture(explain(t, uri)));
    }

    private static URI uri(String url) {
        try {
            URI u = new URI(url);
            if (!u.isAbsolute()) throw new IllegalArgumentException("fetch: '" + url + "' is not an absolute URL");
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("fetch: '" + url + "' is not a URL: " + e.getReason());
        }
    }

    private CompletableFuture<Response> hop(NetworkPolicy policy, Request req, int redirects) {
        URI uri = URI.create(req.url());
        String what = redirects == 0 ? "fetch " + safe(uri) : "fetch: redirect to " + safe(uri);
        policy.checkUrl(uri, what);
        String host = uri.getHost();
        boolean named = NetworkPolicy.literal(host) == null;
        if (named) {
            List<InetAddress> ok = checkedAddresses(policy, host, what);
            PinningResolverProvider.pin(host, ok);
        } else if (!policy.mayConnect(host, NetworkPolicy.literal(host))) {
            throw new NetworkRefused(what + ": refused"); // not reached: a listed literal may always connect
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        req.headers().forEach(b::header);
        b.method(
                req.method(),
                req.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(req.body()));
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = CLIENT.sendAsync(b.build(), info -> limited(info, what));
        } catch (RuntimeException e) {
            if (named) PinningResolverProvider.unpin(host);
            throw e;
        }
        if (named) sent = sent.whenComplete((r, t) -> PinningResolverProvider.unpin(host));
        return sent.thenCompose(r -> next(policy, req, r, redirects));
    }

    /** The addresses {@code host} resolves to that the policy allows; none is a refusal naming what it found. */
    private static List<InetAddress> checkedAddresses(NetworkPolicy policy, String host, String what) {
        List<InetAddress> all;
        try {
            all = PinningResolverProvider.lookupOnce(host);
        } catch (UnknownHostException e) {
            throw new NetworkRefused(what + ": unknown host " + host);
        }
        List<InetAddress> ok = new ArrayList<>();
        for (InetAddress a : all) if (policy.mayConnect(host, a)) ok.add(a);
        if (ok.isEmpty()) {
            throw new NetworkRefused(what + ": " + host + " resolves to "
                    + all.stream().map(InetAddress::getHostAddress).toList()
                    + ", a private, loopback or link-local address; a plugin reaches those only by listing the"
                    + " address itself in network:");
        }
        return ok;
    }

    private CompletionStage<Response> next(NetworkPolicy policy, Request req, HttpResponse<byte[]> r, int redirects) {
        int s = r.statusCode();
        String location = r.headers().firstValue("location").orElse(null);
        if ((s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && location != null) {
            if (redirects >= MAX_REDIRECTS)
                return CompletableFuture.failedFuture(
                        new NetworkRefused("fetch: more than " + MAX_REDIRECTS + " redirects"));
            URI to;
            try {
                to = r.uri().resolve(new URI(location));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return CompletableFuture.failedFuture(
                        new NetworkRefused("fetch: a redirect to an invalid URL '" + location + "'"));
            }
            // As browsers do: 303 (and 301/302 after a POST) become a GET without a body.
            boolean toGet = s == 303 || ((s == 301 || s == 302) && req.method().equals("POST"));
            Map<String, String> headers = new LinkedHashMap<>(req.headers());
            if (!sameOrigin(r.uri(), to)) headers.keySet().removeIf(h -> h.equalsIgnoreCase("authorization"));
            Request again =
                    new Request(toGet ? "GET" : req.method(), to.toString(), headers, toGet ? null : req.body());
            try {
                return hop(policy, again, redirects + 1);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> {
            if (!k.startsWith(":")) headers.put(k.toLowerCase(Locale.ROOT), v);
        });
        return CompletableFuture.completedFuture(new Response(s, r.uri().toString(), headers, r.body()));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && NetworkPolicy.port(a) == NetworkPolicy.port(b);
    }

    /** A URL for messages: no query (it may carry a key). */
    private static String safe(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    /** A body of at most maxBytes: a longer one (declared or counted) cancels the download and fails. */
    private HttpResponse.BodySubscriber<byte[]> limited(HttpResponse.ResponseInfo info, String what) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        if (declared > maxBytes)
            return failing(new NetworkRefused(
                    what + ": the response is " + declared + " bytes, over the limit of " + maxBytes));
        return new Limited(maxBytes, what);
    }

    private static HttpResponse.BodySubscriber<byte[]> failing(RuntimeException e) {
        return new HttpResponse.BodySubscriber<>() {
            @Override
            public CompletionStage<byte[]> getBody() {
                return CompletableFuture.failedFuture(e);
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {}

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onComplete() {}
        };
    }

    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final String what;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Limited(int max, String what) {
            this.max = max;
            this.what = what;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) return;
            for (ByteBuffer b : items) {
                if (out.size() + b.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(
                            new NetworkRefused(what + ": the response is over the limit of " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(out.toByteArray());
        }
    }

    /** What the script is told: the refusal as it is, timeouts and I/O failures in words. */
    private Throwable explain(Throwable t, URI uri) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) c = c.getCause();
        if (c instanceof NetworkRefused || c instanceof IllegalArgumentException) return c;
        if (c instanceof TimeoutException || c instanceof HttpTimeoutException)
            return new NetworkRefused("fetch " + safe(uri) + ": no answer within " + timeout.toSeconds() + " s");
        for (Throwable x = c; x != null; x = x.getCause()) if (x instanceof NetworkRefused n) return n;
        return new NetworkRefused(
                "fetch " + safe(uri) + ": " + (c.getMessage() == null ? c.toString() : c.getMessage()));
    }
}
