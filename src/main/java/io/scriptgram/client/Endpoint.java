package io.scriptgram.client;

/** Where a DC listens. */
public record Endpoint(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
