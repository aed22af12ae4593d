package io.scriptgram.cli;

import io.scriptgram.cluster.LeaseRow;
import io.scriptgram.console.ConsoleHost;
import io.scriptgram.host.AccountHost;
import io.scriptgram.host.Host;
import io.scriptgram.store.StoreException;
import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The running {@link Host} as the console sees it: the accounts running here now. On a host that shares its accounts by
 * lease these change while it runs (an account comes when its lease is taken here and goes when it is lost or handed
 * over), so every part is looked up again at each use; the scripts, plugins and storage shown are those of the first
 * account running here.
 */
public final class HostConsole {
    private HostConsole() {}

    public static ConsoleHost of(Host host, TlSchema schema, Instant started) {
        return ConsoleHost.following(
                () -> running(host).stream().map(a -> a.connection().account()).toList(),
                () -> away(host, Instant.now()),
                () -> first(host, AccountHost::plugins),
                () -> first(host, AccountHost::scripts),
                () -> host.scheduler().jobs(),
                () -> first(host, a -> a.connection().account().store().scripts()),
                schema,
                started,
                host.status().path("mode").asText(""));
    }

    /** The accounts running here now, in config.yml's order (the default first). */
    private static List<AccountHost> running(Host host) {
        List<AccountHost> out = new ArrayList<>();
        for (AccountHost a : host.accounts())
            if (a.state() == AccountHost.State.RUNNING && a.connection() != null) out.add(a);
        return out;
    }

    private static <T> T first(Host host, Function<AccountHost, T> part) {
        for (AccountHost a : running(host)) {
            T t = part.apply(a);
            if (t != null) return t;
        }
        return null;
    }

    /** The accounts of this host not running here now, and where each is (by its lease, on a shared store). */
    static List<ConsoleHost.Away> away(Host host, Instant now) {
        List<ConsoleHost.Away> out = new ArrayList<>();
        Map<String, LeaseRow> rows = null;
        String unread = null;
        for (AccountHost a : host.accounts()) {
            if (a.state() == AccountHost.State.RUNNING && a.connection() != null) continue;
            if (host.sharesAccounts() && rows == null && unread == null) {
                try {
                    rows = host.leaseRows().stream().collect(Collectors.toMap(LeaseRow::account, r -> r, (x, y) -> x));
                } catch (StoreException e) {
                    unread = e.getMessage();
                }
            }
            out.add(new ConsoleHost.Away(a.name(), where(host, a, rows, unread, now)));
        }
        return out;
    }

    private static String where(Host host, AccountHost a, Map<String, LeaseRow> rows, String unread, Instant now) {
        String problem = a.problem() == null ? "" : " (" + a.problem() + ")";
        return switch (a.state()) {
            case STARTING -> "starting on this host";
            case FAILED -> "failed" + problem;
            case LOGGED_OUT -> "logged out" + problem;
            case STOPPED -> "stopped";
            case RUNNING -> "running, not connected";
            case WAITING -> {
                if (unread != null) yield "waiting for its lease; the lease table could not be read: " + unread;
                LeaseRow r = rows == null ? null : rows.get(a.name());
                if (r != null && r.live() && r.holder() != null && !r.holder().equals(host.leaseHolder()))
                    yield "held by host " + r.holder() + " since " + r.acquired() + " (lease "
                            + Math.max(0, Duration.between(now, r.expires()).toSeconds()) + " s left)";
                yield "waiting for its lease" + problem;
            }
        };
    }
}
