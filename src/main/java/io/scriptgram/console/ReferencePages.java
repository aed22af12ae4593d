package io.scriptgram.console;

import static io.scriptgram.console.Html.esc;

import io.scriptgram.tl.MethodInfo;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlTypeInfo;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The API reference as HTML, one page per method, constructor and type, in the shape of {@code describe}: parameters
 * (name, type, required or optional with its flag), result and its constructors, who may call it, the RPC errors it can
 * answer, and a JS and a Python call. The console serves these pages; {@code docs} writes them as files.
 */
final class ReferencePages {
    private final ApiReference ref;
    /** A name → the link to its page ("/reference/x" live, "x.html" in the static site). */
    private final UnaryOperator<String> link;

    private final String root;
    private final boolean live;

    ReferencePages(ApiReference ref, boolean live) {
        this.ref = ref;
        this.live = live;
        this.link = live ? n -> "/reference/" + Html.q(n).replace("%2E", ".") : n -> n + ".html";
        this.root = live ? "/static/" : "";
    }

    /** The page for {@code name} (method, constructor or type), or null when the schema has no such name. */
    String page(String name, String csrf) {
        TlConstructor c = ref.schema().byName(name);
        if (c != null) return c.isFunction() ? method(c, csrf) : constructor(c, csrf);
        TlTypeInfo t = ref.schema().type(name);
        return t == null ? null : type(t, csrf);
    }

    private String frame(String title, String csrf, String body) {
        return Html.page(title, root, csrf, live, searchBox() + body);
    }

    private String searchBox() {
        return "<form class=\"search\" method=\"get\" action=\"" + (live ? "/reference" : "index.html")
                + "\"><input id=\"ref-search\" name=\"q\" type=\"search\" placeholder=\"Search methods, constructors,"
                + " types\" autocomplete=\"off\" data-names=\"" + (live ? "/reference/names.json" : "names.json")
                + "\" data-link=\"" + (live ? "/reference/" : "") + "\" data-suffix=\"" + (live ? "" : ".html")
                + "\"><button type=\"submit\">Search</button></form><ul id=\"ref-hits\"></ul>";
    }

    private String a(String name) {
        return "<a href=\"" + esc(link.apply(name)) + "\">" + esc(name) + "</a>";
    }

    /** A type as written in the schema, its named parts linked ({@code Vector<InputUser>}). */
    private String typeLink(String type) {
        String inner = ApiReference.elementType(type);
        boolean known = ref.schema().type(inner) != null || ref.schema().byName(inner) != null;
        String shown = known ? a(inner) : esc(inner);
        return inner.equals(type) ? shown : "Vector&lt;" + shown + "&gt;";
    }

    private String params(TlConstructor c, String title) {
        List<ApiReference.Param> ps = ref.params(c);
        StringBuilder b = new StringBuilder("<h2>").append(title).append("</h2>");
        if (ps.isEmpty()) return b.append("<p>none</p>").toString();
        b.append("<table class=\"params\"><thead><tr><th>name</th><th>type</th><th>presence</th></tr></thead><tbody>");
        for (ApiReference.Param p : ps) {
            b.append("<tr><td><code>")
                    .append(esc(p.name()))
                    .append("</code></td><td>")
                    .append(typeLink(p.type()))
                    .append("</td><td>")
                    .append(esc(p.presence()))
                    .append("</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    String method(TlConstructor m, String csrf) {
        StringBuilder b = new StringBuilder();
        b.append("<h1><code>")
                .append(esc(m.name()))
                .append("</code></h1><p class=\"meta\">method #")
                .append(esc(m.idHex()))
                .append(", layer ")
                .append(ref.schema().layer())
                .append("</p>");
        b.append("<dl class=\"facts\"><dt>Returns</dt><dd>").append(typeLink(m.typeName()));
        List<TlConstructor> cs = ref.constructorsOf(m.typeName());
        if (!cs.isEmpty()) {
            b.append(" — one of ");
            for (int i = 0; i < cs.size(); i++)
                b.append(i == 0 ? "" : ", ").append(a(cs.get(i).name()));
        }
        b.append("</dd><dt>Bots may call</dt><dd id=\"bots\">")
                .append(esc(ref.botsMayCall(m.name())))
                .append("</dd><dt>Users may call</dt><dd id=\"users\">")
                .append(esc(ref.usersMayCall(m.name())))
                .append("</dd></dl>");
        b.append(params(m, "Parameters"));
        b.append("<h2>Errors</h2>");
        List<MethodInfo.RpcErrorInfo> errors = ref.errors(m.name());
        if (errors.isEmpty()) b.append("<p>none in the error list</p>");
        else {
            b.append("<table class=\"errors\"><thead><tr><th>code</th><th>type</th></tr></thead><tbody>");
            for (MethodInfo.RpcErrorInfo e : errors)
                b.append("<tr><td>")
                        .append(e.code())
                        .append("</td><td><code>")
                        .append(esc(e.type()))
                        .append("</code></td></tr>");
            b.append("</tbody></table>");
        }
        b.append("<h2>Example</h2><h3>JavaScript</h3><pre class=\"example js\"><code>const r = ")
                .append(esc(ref.jsExample(m)))
                .append(";\nlog.info(r._);</code></pre><h3>Python</h3><pre class=\"example py\"><code>r = ")
                .append(esc(ref.pythonExample(m)))
                .append("\nlog.info(r[\"_\"])</code></pre><h3>Command line</h3><pre class=\"example cli\"><code>")
                .append(esc(ref.cliExample(m)))
                .append("</code></pre>");
        return frame(m.name(), csrf, b.toString());
    }

    String constructor(TlConstructor c, String csrf) {
        StringBuilder b = new StringBuilder();
        b.append("<h1><code>")
                .append(esc(c.name()))
                .append("</code></h1><p class=\"meta\">constructor #")
                .append(esc(c.idHex()))
                .append(" of ")
                .append(typeLink(c.typeName()))
                .append(", layer ")
                .append(ref.schema().layer())
                .append("</p>");
        b.append(params(c, "Fields"));
        b.append("<h2>Schema</h2><pre><code>").append(esc(c.declaration())).append("</code></pre>");
        b.append("<h2>In scripts</h2><pre class=\"example js\"><code>{_: \"")
                .append(esc(c.name()))
                .append("\", …}</code></pre>");
        return frame(c.name(), csrf, b.toString());
    }

    String type(TlTypeInfo t, String csrf) {
        StringBuilder b = new StringBuilder();
        b.append("<h1><code>")
                .append(esc(t.name()))
                .append("</code></h1><p class=\"meta\">type, layer ")
                .append(ref.schema().layer())
                .append("</p><h2>Constructors</h2><ul class=\"names\">");
        for (TlConstructor c : t.constructors())
            b.append("<li>")
                    .append(a(c.name()))
                    .append(" <span class=\"meta\">#")
                    .append(esc(c.idHex()))
                    .append("</span></li>");
        b.append("</ul><h2>Returned by</h2>");
        List<String> by = ref.returnedBy(t.name());
        if (by.isEmpty()) b.append("<p>no method</p>");
        else {
            b.append("<ul class=\"names\">");
            for (String m : by) b.append("<li>").append(a(m)).append("</li>");
            b.append("</ul>");
        }
        return frame(t.name(), csrf, b.toString());
    }

    /** The index: every method by namespace, then types; with {@code query}, the names that match it. */
    String index(String query, String csrf) {
        StringBuilder b = new StringBuilder();
        if (query != null && !query.isBlank()) {
            b.append("<h1>Search: ").append(esc(query)).append("</h1><ul class=\"names\" id=\"results\">");
            List<TlConstructor> hits = ref.search(query, 200);
            List<String> types = ref.searchTypes(query, 100);
            for (TlConstructor c : hits)
                b.append("<li>")
                        .append(a(c.name()))
                        .append(" <span class=\"meta\">")
                        .append(c.isFunction() ? "method" : "constructor")
                        .append("</span></li>");
            for (String t : types) b.append("<li>").append(a(t)).append(" <span class=\"meta\">type</span></li>");
            if (hits.isEmpty() && types.isEmpty()) b.append("<li>nothing matches</li>");
            return frame("Search", csrf, b.append("</ul>").toString());
        }
        b.append("<h1>API reference</h1><p class=\"meta\">layer ")
                .append(ref.schema().layer())
                .append(": ")
                .append(ref.schema().functions().size())
                .append(" methods, ")
                .append(ref.schema().constructors().size())
                .append(" constructors</p><h2>Methods</h2><ul class=\"names columns\">");
        for (TlConstructor f : ref.schema().functions())
            b.append("<li>").append(a(f.name())).append("</li>");
        b.append("</ul><h2>Types</h2><ul class=\"names columns\">");
        for (String t : ref.typeNames()) b.append("<li>").append(a(t)).append("</li>");
        b.append("</ul>");
        return frame("API reference", csrf, b.toString());
    }

    /** Every name with its kind, for the search box's suggestions: ["contacts.getTopPeers","m"], ... */
    String namesJson() {
        StringBuilder b = new StringBuilder("[");
        for (TlConstructor c : ref.schema().all())
            b.append(b.length() > 1 ? "," : "")
                    .append("[\"")
                    .append(c.name())
                    .append("\",\"")
                    .append(c.isFunction() ? "m" : "c")
                    .append("\"]");
        for (String t : ref.typeNames()) b.append(",[\"").append(t).append("\",\"t\"]");
        return b.append(']').toString();
    }
}
