package io.scriptgram.cli;

import io.scriptgram.console.ConsoleHost;
import io.scriptgram.host.Host;
import io.scriptgram.tl.TlSchema;
import java.time.Instant;
import java.util.List;

/** The running {@link Host} as the console sees it. */
public final class HostConsole {
    private HostConsole() {}

    public static ConsoleHost of(Host host, TlSchema schema, Instant started) {
        return ConsoleHost.of(
                () -> List.of(host.account()),
                host.plugins(),
                host.scripts(),
                () -> host.scheduler().jobs(),
                host.account().store().scripts(),
                schema,
                started,
                host.status().path("mode").asText(""));
    }
}
