package io.scriptgram.net;

/** A SOCKS5 proxy to connect through. */
public record Proxy(String host, int port, String user, String password) {
    @Override
    public String toString() {
        return "socks5://" + (user == null ? "" : user + ":***@") + host + ":" + port;
    }
}
