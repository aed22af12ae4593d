package io.scriptgram.console;

import static io.scriptgram.console.Html.esc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scriptgram.plugin.PluginManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

/**
 * Live logs: the page (filter by script and level, pause, search — in the browser) and its server-sent event stream,
 * which starts with the lines kept and then follows the log.
 */
final class LogsPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A comment line this often keeps proxies from closing a quiet stream, and finds closed ones. */
    private static final long KEEPALIVE_MS = 15_000;
    /** How long a stream lets lines gather before it writes them: a log line reaches the page this much later. */
    static final long COALESCE_MS = 100;

    private final ConsoleHost host;
    private final LogFeed feed;
    private volatile boolean closing;

    LogsPage(ConsoleHost host, LogFeed feed) {
        this.host = host;
        this.feed = feed;
    }

    Reply page(Call c) {
        TreeSet<String> names = new TreeSet<>();
        PluginManager pm = host.plugins();
        if (pm != null)
            for (PluginManager.Active a : pm.active()) names.add(a.manifest().name());
        StringBuilder b =
                new StringBuilder("<h1>Logs</h1><div class=\"toolbar\"><label>Script <select id=\"log-script\">"
                        + "<option value=\"\">all</option>");
        for (String n : names)
            b.append("<option value=\"")
                    .append(esc(n))
                    .append("\">")
                    .append(esc(n))
                    .append("</option>");
        b.append("</select></label><label>Level <select id=\"log-level\"><option value=\"debug\">debug</option>"
                + "<option value=\"info\" selected>info</option><option value=\"warn\">warn</option>"
                + "<option value=\"error\">error</option></select></label>"
                + "<input id=\"log-search\" type=\"search\" placeholder=\"search\">"
                + "<button id=\"log-pause\" type=\"button\">Pause</button></div><div id=\"log\"></div>");
        return Reply.html(Html.page("Logs", "/static/", c.csrf(), true, b.toString()));
    }

    /** The event stream: the kept lines, then each new one, until the browser goes or the console stops. */
    void stream(Call c, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        try (LogFeed.Reader reader = feed.open()) {
            StringBuilder first = new StringBuilder(": scriptgram log\n\n");
            for (LogFeed.Line l : feed.recent()) first.append(event(l));
            send(response, first.toString());
            long lastWrite = System.currentTimeMillis();
            while (!closing) {
                LogFeed.Line l = reader.queue.poll(1, TimeUnit.SECONDS);
                if (l != null) {
                    // The lines of a burst gather while this waits, unseen by it (no wake-up per line), and go out
                    // in one write: a chatty log costs at most 1000 / COALESCE_MS writes a second per open page.
                    Thread.sleep(COALESCE_MS);
                    StringBuilder batch = new StringBuilder(event(l));
                    for (LogFeed.Line more; batch.length() < 256 * 1024 && (more = reader.queue.poll()) != null; )
                        batch.append(event(more));
                    send(response, batch.toString());
                    lastWrite = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastWrite > KEEPALIVE_MS) {
                    send(response, ": keepalive\n\n");
                    lastWrite = System.currentTimeMillis();
                }
            }
            response.write(true, ByteBuffer.allocate(0), callback);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (Exception gone) {
            callback.failed(gone); // the browser went away
        }
    }

    private static void send(Response response, String text) throws Exception {
        FutureCallback done = new FutureCallback();
        response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), done);
        done.get(30, TimeUnit.SECONDS);
    }

    private static String event(LogFeed.Line l) {
        ObjectNode o = JSON.createObjectNode();
        o.put("seq", l.seq());
        o.put("at", l.at().toString());
        o.put("level", l.level());
        o.put("logger", l.logger());
        o.put("script", l.script());
        o.put("message", l.message());
        return "id: " + l.seq() + "\ndata: " + o + "\n\n";
    }

    void close() {
        closing = true;
    }
}
