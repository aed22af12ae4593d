package io.scriptgram.console;

import io.scriptgram.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The console of one running host: its token, metrics, log feed, pages and server, started together and stopped
 * together.
 */
public final class Console implements AutoCloseable {
    private final ConsoleMetrics metrics;
    private final LogFeed feed;
    private final ConsoleServer server;

    private Console(ConsoleMetrics metrics, LogFeed feed, ConsoleServer server) {
        this.metrics = metrics;
        this.feed = feed;
        this.server = server;
    }

    /** Starts the console for {@code host} as {@code settings} say (the caller checks {@code enabled}). */
    public static Console start(Config.Console settings, ConsoleHost host) {
        ConsoleToken token;
        try {
            token = ConsoleToken.loadOrCreate(settings.tokenFile());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the console cannot keep its token in " + settings.tokenFile() + ": " + e.getMessage(), e);
        }
        ConsoleMetrics metrics = new ConsoleMetrics();
        metrics.watch(host);
        LogFeed feed = LogFeed.attach();
        try {
            ConsoleServer server = ConsoleServer.start(settings, token, new Pages(host, metrics, feed));
            return new Console(metrics, feed, server);
        } catch (RuntimeException e) {
            feed.detach();
            metrics.close();
            throw e;
        }
    }

    public ConsoleServer server() {
        return server;
    }

    public ConsoleMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        server.close();
        feed.detach();
        metrics.close();
    }
}
