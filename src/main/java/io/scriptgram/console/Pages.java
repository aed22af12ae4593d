package io.scriptgram.console;

import static io.scriptgram.console.Html.esc;

import io.scriptgram.client.Account;
import io.scriptgram.tl.TlObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The console's pages by path, and the overview and API-use pages themselves. */
public final class Pages {
    private final ConsoleHost host;
    private final ConsoleMetrics metrics;
    private final ReferencePages reference;
    private final ScriptsPage scripts;
    private final LogsPage logs;
    private final StoragePage storage;
    private final LoginPage login;
    private final Rate updatesRate = new Rate();

    public Pages(ConsoleHost host, ConsoleMetrics metrics, LogFeed feed) {
        this.host = host;
        this.metrics = metrics;
        this.reference = new ReferencePages(new ApiReference(host.schema()), true);
        this.scripts = new ScriptsPage(host);
        this.logs = new LogsPage(host, feed);
        this.storage = new StoragePage(host);
        this.login = new LoginPage(host);
    }

    LogsPage logs() {
        return logs;
    }

    Reply handle(Call c) {
        String p = c.path();
        boolean post = c.method().equals("POST");
        if (post) {
            return switch (p) {
                case "/scripts/reload", "/scripts/enable", "/scripts/disable" -> scripts.change(c);
                case "/storage/delete" -> storage.delete(c);
                case "/login/phone", "/login/code", "/login/password", "/login/cancel", "/login/qr" -> login.step(c);
                default -> Reply.notFound(p);
            };
        }
        if (p.equals("/")) return Reply.html(Html.page("Overview", "/static/", c.csrf(), true, overview(c)));
        if (p.equals("/overview")) return Reply.html(overviewBody());
        if (p.equals("/scripts")) return scripts.page(c);
        if (p.equals("/logs")) return logs.page(c);
        if (p.equals("/storage")) return storage.page(c);
        if (p.equals("/login")) return login.page(c);
        if (p.equals("/login/qr")) return login.qrPart(c);
        if (p.equals("/api"))
            return c.fragment()
                    ? Reply.html(apiUse())
                    : Reply.html(Html.page(
                            "API use",
                            "/static/",
                            c.csrf(),
                            true,
                            "<h1>API use</h1><div data-refresh=\"/api?fragment=1\">" + apiUse() + "</div>"));
        if (p.equals("/metrics"))
            return new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape(), null);
        if (p.equals("/reference")) return Reply.html(reference.index(c.query().get("q"), c.csrf()));
        if (p.equals("/reference/names.json")) return Reply.json(reference.namesJson());
        if (p.startsWith("/reference/")) {
            String name = p.substring("/reference/".length());
            String page = reference.page(name, c.csrf());
            return page == null ? Reply.notFound("no method, constructor or type named " + name) : Reply.html(page);
        }
        return Reply.notFound(p);
    }

    // ---- overview ----

    private String overview(Call c) {
        return "<h1>Overview</h1><div data-refresh=\"/overview\">" + overviewBody() + "</div>";
    }

    /** The live part of the overview (also served alone at /overview for the page's refresh). */
    String overviewBody() {
        StringBuilder b = new StringBuilder("<h2>Host</h2><div class=\"cards\">");
        Duration up = Duration.between(host.started(), Instant.now());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        card(b, "Mode", host.mode());
        card(b, "Uptime", String.format("%dh %02dm %02ds", up.toHours(), up.toMinutesPart(), up.toSecondsPart()));
        card(
                b,
                "Memory",
                (heap.getUsed() >> 20) + " MB of " + (Math.max(heap.getMax(), heap.getCommitted()) >> 20) + " MB heap");
        card(b, "Scripts", host.plugins().active().size() + " running");
        card(b, "Reloads", String.valueOf(host.plugins().reloads()));
        b.append("</div>");
        double received = metrics.total(ConsoleMetrics.UPDATES_RECEIVED);
        int n = 0;
        for (Account a : host.accounts()) {
            n++;
            b.append("<h2>Account ").append(n).append("</h2><div class=\"cards account\">");
            card(b, "State", a.loggedIn() ? "logged in" : "not logged in");
            card(b, "User", a.self().map(Pages::userLabel).orElse("—"));
            StringBuilder dcs = new StringBuilder("home DC ").append(a.api().homeDc());
            for (Map.Entry<Integer, String> e : a.api().connectionStates().entrySet())
                dcs.append("; DC ").append(e.getKey()).append(' ').append(e.getValue());
            card(b, "Connection", dcs.toString());
            card(b, "Updates", a.updates().stats().delivered() + " received");
            long last = metrics.lastHandledMillis();
            card(
                    b,
                    "Last update handled",
                    last == 0 ? "—" : Instant.ofEpochMilli(last).toString());
            b.append("</div>");
        }
        b.append("<div class=\"cards\">");
        card(b, "Updates per second", String.format("%.1f", updatesRate.perSecond(received)));
        card(b, "Flood waits", String.format("%.0f", metrics.total(ConsoleMetrics.FLOOD_WAITS)));
        card(b, "API calls", String.format("%.0f", metrics.total(ConsoleMetrics.RPC_CALLS)));
        card(b, "API errors", String.format("%.0f", metrics.total(ConsoleMetrics.RPC_ERRORS)));
        return b.append("</div>").toString();
    }

    private static void card(StringBuilder b, String label, String value) {
        b.append("<div class=\"card\"><div class=\"meta\">")
                .append(esc(label))
                .append("</div><div class=\"v\">")
                .append(esc(value))
                .append("</div></div>");
    }

    /** "Ann Example (@ann, id 1001)": never the phone number. */
    static String userLabel(TlObject u) {
        StringBuilder b = new StringBuilder();
        if (u.has("first_name")) b.append(u.getString("first_name"));
        if (u.has("last_name")) b.append(' ').append(u.getString("last_name"));
        b.append(" (");
        if (u.has("username")) b.append('@').append(u.getString("username")).append(", ");
        return b.append("id ").append(u.getLong("id")).append(')').toString().trim();
    }

    // ---- API use ----

    private String apiUse() {
        StringBuilder b = new StringBuilder("<h2>Calls per method</h2>");
        Map<String, Double> calls = metrics.sumBy(ConsoleMetrics.RPC_CALLS, "method");
        Map<String, Double> errors = metrics.sumBy(ConsoleMetrics.RPC_ERRORS, "method");
        Map<String, Double> floods = metrics.sumBy(ConsoleMetrics.FLOOD_WAITS, "method");
        if (calls.isEmpty()) b.append("<p>no calls yet</p>");
        else {
            b.append("<table id=\"calls\"><thead><tr><th>method</th><th>calls</th><th>errors</th>"
                    + "<th>flood waits</th><th>mean latency</th></tr></thead><tbody>");
            for (Map.Entry<String, Double> e : calls.entrySet()) {
                Duration mean = metrics.meanLatency(e.getKey());
                b.append("<tr><td><a href=\"/reference/")
                        .append(esc(e.getKey()))
                        .append("\">")
                        .append(esc(e.getKey()))
                        .append("</a></td><td>")
                        .append(e.getValue().longValue())
                        .append("</td><td>")
                        .append(errors.getOrDefault(e.getKey(), 0.0).longValue())
                        .append("</td><td>")
                        .append(floods.getOrDefault(e.getKey(), 0.0).longValue())
                        .append("</td><td>")
                        .append(mean == null ? "—" : String.format("%.1f ms", mean.toNanos() / 1e6))
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("<h2>Calls per script</h2>");
        Map<String, Double> perScript = metrics.sumBy(ConsoleMetrics.SCRIPT_CALLS, "script");
        if (perScript.isEmpty()) b.append("<p>no script has called the API yet</p>");
        else {
            b.append("<table id=\"per-script\"><thead><tr><th>script</th><th>calls</th></tr></thead><tbody>");
            perScript.forEach((k, v) -> b.append("<tr><td>")
                    .append(esc(k))
                    .append("</td><td>")
                    .append(v.longValue())
                    .append("</td></tr>"));
            b.append("</tbody></table>");
        }
        b.append("<h2>Errors by type</h2>");
        Map<String, Double> types = metrics.sumBy(ConsoleMetrics.RPC_ERRORS, "type");
        if (types.isEmpty()) b.append("<p>none</p>");
        else {
            b.append("<table id=\"error-types\"><thead><tr><th>error</th><th>count</th></tr></thead><tbody>");
            types.forEach((k, v) -> b.append("<tr><td><code>")
                    .append(esc(k))
                    .append("</code></td><td>")
                    .append(v.longValue())
                    .append("</td></tr>"));
            b.append("</tbody></table>");
        }
        return b.toString();
    }

    /** Events per second between two looks at a running total (at least a second apart). */
    private static final class Rate {
        private double lastTotal = -1;
        private long lastNanos;
        private double rate;

        synchronized double perSecond(double total) {
            long now = System.nanoTime();
            if (lastTotal < 0) {
                lastTotal = total;
                lastNanos = now;
                return 0;
            }
            double secs = (now - lastNanos) / 1e9;
            if (secs >= 1) {
                rate = (total - lastTotal) / secs;
                lastTotal = total;
                lastNanos = now;
            }
            return rate;
        }
    }
}
