package io.scriptgram.net;

import io.scriptgram.transport.MtProxySecret;
import java.util.Objects;

/**
 * A proxy to connect through: SOCKS5 or HTTP CONNECT (the target's address goes to the proxy, which opens the TCP
 * connection), or an MTProxy (the client talks obfuscated MTProto keyed with the secret to the proxy itself, naming the
 * DC in its header).
 *
 * @param secret the MTProxy secret; null for SOCKS5 and HTTP
 */
public record Proxy(Kind kind, String host, int port, String user, String password, MtProxySecret secret) {
    public enum Kind {
        SOCKS5,
        HTTP,
        MTPROXY
    }

    public Proxy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        if ((kind == Kind.MTPROXY) != (secret != null))
            throw new IllegalArgumentException("an MTProxy needs a secret, and only an MTProxy has one");
    }

    /** A SOCKS5 proxy. */
    public Proxy(String host, int port, String user, String password) {
        this(Kind.SOCKS5, host, port, user, password, null);
    }

    public static Proxy http(String host, int port, String user, String password) {
        return new Proxy(Kind.HTTP, host, port, user, password, null);
    }

    public static Proxy mtproxy(String host, int port, MtProxySecret secret) {
        return new Proxy(Kind.MTPROXY, host, port, null, null, secret);
    }

    /** Passwords and secrets stay out: this goes into logs and error messages. */
    @Override
    public String toString() {
        return switch (kind) {
            case SOCKS5 -> "socks5://" + (user == null ? "" : user + ":***@") + host + ":" + port;
            case HTTP -> "http://" + (user == null ? "" : user + ":***@") + host + ":" + port;
            case MTPROXY -> "mtproxy://" + host + ":" + port + " (" + secret.describe() + ")";
        };
    }
}
