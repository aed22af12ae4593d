package io.scriptgram.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.cli.Main;
import io.scriptgram.tl.TlSchema;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API reference pages (served and written by {@code docs}): the seed page's facts, links, search. */
class ReferencePagesTest {
    static final TlSchema SCHEMA = TlSchema.bundled();
    static final ReferencePages LIVE = new ReferencePages(new ApiReference(SCHEMA), true);

    /** The row of parameter {@code name}: its type and presence cells. */
    private static void row(String page, String name, String type, String presence) {
        Pattern p = Pattern.compile("<tr><td><code>" + Pattern.quote(name) + "</code></td><td>(?:<a [^>]+>)?"
                + Pattern.quote(type) + "(?:</a>)?</td><td>" + Pattern.quote(presence) + "</td></tr>");
        assertTrue(p.matcher(page).find(), name + " " + type + " " + presence + " in\n" + page);
    }

    @Test
    void theTopPeersPageHasTheSeedPagesFacts() {
        String page = LIVE.page("contacts.getTopPeers", "csrf-x");
        row(page, "correspondents", "true", "optional (flags.0)");
        row(page, "bots_pm", "true", "optional (flags.1)");
        row(page, "offset", "int", "optional (default 0)");
        row(page, "limit", "int", "required");
        row(page, "hash", "long", "optional (default 0)");
        assertTrue(page.contains("<a href=\"/reference/contacts.TopPeers\">contacts.TopPeers</a>"), "result linked");
        assertTrue(page.contains("<a href=\"/reference/contacts.topPeersNotModified\">"), "its constructors linked");
        assertTrue(page.contains("<dd id=\"bots\">no (users only)</dd>"), page);
        assertTrue(page.contains("<code>TYPES_EMPTY</code>"), page);
        assertTrue(page.contains("await contacts.getTopPeers({limit: 0})"), "JS example");
        assertTrue(page.contains("contacts.getTopPeers(limit=0)"), "Python example");
        assertFalse(page.contains("flags</code>"), "the flags word itself is not a parameter");
    }

    @Test
    void typesAndConstructorsLinkToEachOther() {
        String type = LIVE.page("InputPeer", null);
        assertTrue(type.contains("<a href=\"/reference/inputPeerUser\">inputPeerUser</a>"), type);
        String ctor = LIVE.page("inputPeerUser", null);
        assertTrue(ctor.contains("<a href=\"/reference/InputPeer\">InputPeer</a>"), ctor);
        row(ctor, "access_hash", "long", "required");
        String returns = LIVE.page("contacts.TopPeers", null);
        assertTrue(returns.contains("<a href=\"/reference/contacts.getTopPeers\">"), "returned by: " + returns);
        assertNull(LIVE.page("contacts.getTopPeer", null));
    }

    @Test
    void searchFindsMethodsConstructorsAndTypes() {
        String hits = LIVE.index("toppeers", null);
        assertTrue(hits.contains(">contacts.getTopPeers</a> <span class=\"meta\">method"), hits);
        assertTrue(hits.contains(">contacts.topPeers</a> <span class=\"meta\">constructor"), hits);
        assertTrue(hits.contains(">contacts.TopPeers</a> <span class=\"meta\">type"), hits);
        assertTrue(LIVE.index("<script>", null).contains("&lt;script&gt;"), "the query is escaped");
        assertTrue(LIVE.namesJson().contains("[\"contacts.getTopPeers\",\"m\"]"));
    }

    @Test
    void docsWritesTheSamePagesAsAStaticSite(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("docs", "--out", dir.toString()), err.toString());
        assertTrue(out.toString().contains("layer " + SCHEMA.layer()), out.toString());
        String page = Files.readString(dir.resolve("contacts.getTopPeers.html"));
        row(page, "limit", "int", "required");
        assertTrue(page.contains("<code>TYPES_EMPTY</code>"));
        assertTrue(page.contains("<a href=\"contacts.TopPeers.html\">contacts.TopPeers</a>"), "relative links");
        assertTrue(page.contains("href=\"console.css\""), "its own stylesheet, no CDN");
        assertFalse(page.contains("/reference/"), "no link into a live console");
        assertTrue(Files.exists(dir.resolve("contacts.TopPeers.html")));
        assertTrue(Files.exists(dir.resolve("inputPeerUser.html")));
        assertTrue(Files.exists(dir.resolve("console.js")) && Files.exists(dir.resolve("index.html")));
        try (var files = Files.list(dir)) {
            long n = files.filter(p -> p.toString().endsWith(".html")).count();
            assertTrue(n > SCHEMA.functions().size() + SCHEMA.constructors().size(), "a page for each: " + n);
        }
        for (String s : new String[] {"http://", "https://"})
            assertFalse(Files.readString(dir.resolve("index.html")).contains("src=\"" + s), "nothing from elsewhere");
    }
}
