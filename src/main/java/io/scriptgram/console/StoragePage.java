package io.scriptgram.console;

import static io.scriptgram.console.Html.esc;

import io.scriptgram.store.ScriptStorage;
import io.scriptgram.store.StoredValue;
import java.util.List;
import java.util.Optional;

/** Each script's stored keys and values, read-only but for deleting a key. */
final class StoragePage {
    private static final int SHOWN_CHARS = 2000;
    private static final int SHOWN_KEYS = 500;
    private final ConsoleHost host;

    StoragePage(ConsoleHost host) {
        this.host = host;
    }

    Reply page(Call c) {
        ScriptStorage st = host.storage();
        String script = c.query().get("script");
        StringBuilder b = new StringBuilder("<h1>Storage</h1>");
        if (st == null)
            return Reply.html(Html.page(
                    "Storage",
                    "/static/",
                    c.csrf(),
                    true,
                    b.append("<p class=\"meta\">")
                            .append(esc(ScriptsPage.NONE_HERE))
                            .append("</p>")
                            .toString()));
        List<String> scripts = st.scripts();
        b.append("<ul class=\"names\" id=\"storage-scripts\">");
        for (String s : scripts)
            b.append("<li><a href=\"/storage?script=")
                    .append(esc(Html.q(s)))
                    .append("\">")
                    .append(esc(s))
                    .append("</a> <span class=\"meta\">")
                    .append(st.usedBytes(s))
                    .append(" bytes</span></li>");
        if (scripts.isEmpty()) b.append("<li class=\"meta\">no script has stored anything</li>");
        b.append("</ul>");
        if (script != null && scripts.contains(script)) {
            b.append("<h2>").append(esc(script)).append("</h2>");
            List<String> keys = st.keys(script);
            b.append("<table id=\"keys\"><thead><tr><th>key</th><th>value</th><th></th></tr></thead><tbody>");
            for (String k : keys.subList(0, Math.min(keys.size(), SHOWN_KEYS))) {
                Optional<StoredValue> v = st.get(script, k);
                b.append("<tr><td><code>")
                        .append(esc(k))
                        .append("</code></td><td><code>")
                        .append(esc(v.map(StoragePage::shown).orElse("(gone)")))
                        .append("</code></td><td>")
                        .append(Html.button("/storage/delete", c.csrf(), "Delete", "script", script, "key", k))
                        .append("</td></tr>");
            }
            b.append("</tbody></table>");
            if (keys.size() > SHOWN_KEYS)
                b.append("<p class=\"meta\">first ")
                        .append(SHOWN_KEYS)
                        .append(" of ")
                        .append(keys.size())
                        .append(" keys</p>");
        }
        return Reply.html(Html.page("Storage", "/static/", c.csrf(), true, b.toString()));
    }

    private static String shown(StoredValue v) {
        String s = switch (v) {
            case StoredValue.Json j -> j.text();
            case StoredValue.Bytes by -> "(" + by.size() + " bytes)";
        };
        return s.length() > SHOWN_CHARS ? s.substring(0, SHOWN_CHARS) + "…" : s;
    }

    Reply delete(Call c) {
        String script = c.param("script"), key = c.param("key");
        ScriptStorage st = host.storage();
        if (st == null) return Reply.text(409, "409: " + ScriptsPage.NONE_HERE + "\n");
        if (script == null || key == null || !st.scripts().contains(script))
            return Reply.text(400, "400: give script and key\n");
        st.delete(script, key);
        return Reply.seeOther("/storage?script=" + Html.q(script));
    }
}
