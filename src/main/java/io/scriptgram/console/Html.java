package io.scriptgram.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping and the page frame shared by every console page (and the static reference site). */
final class Html {
    private Html() {}

    /** Text for an element or a quoted attribute. */
    static String esc(Object o) {
        if (o == null) return "";
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A URL query value. */
    static String q(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    /**
     * A whole page: {@code root} is the path prefix of the static files ("/static/" live, "" in the static site);
     * {@code csrf} goes into a meta tag for the page's script (null: none); {@code nav} false leaves out the console's
     * menu (the static reference site).
     */
    static String page(String title, String root, String csrf, boolean nav, String body) {
        StringBuilder b = new StringBuilder(body.length() + 1500);
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(esc(title))
                .append(" · Scriptgram</title><link rel=\"stylesheet\" href=\"")
                .append(root)
                .append("console.css\">");
        if (csrf != null)
            b.append("<meta name=\"csrf\" content=\"").append(esc(csrf)).append("\">");
        b.append("<script defer src=\"").append(root).append("console.js\"></script></head><body>");
        b.append("<header><a class=\"brand\" href=\"")
                .append(nav ? "/" : "index.html")
                .append("\">Scriptgram</a>");
        if (nav) {
            b.append("<nav>");
            for (String[] item : new String[][] {
                {"/", "Overview"},
                {"/scripts", "Scripts"},
                {"/logs", "Logs"},
                {"/storage", "Storage"},
                {"/api", "API use"},
                {"/login", "Login"},
                {"/reference", "Reference"},
                {"/metrics", "Metrics"}
            }) {
                b.append("<a href=\"")
                        .append(item[0])
                        .append("\">")
                        .append(item[1])
                        .append("</a>");
            }
            b.append("</nav>");
        }
        b.append("</header><main>").append(body).append("</main></body></html>\n");
        return b.toString();
    }

    /** A POST form with one button (and the CSRF field). */
    static String button(String action, String csrf, String label, String... fields) {
        StringBuilder b = new StringBuilder("<form class=\"inline\" method=\"post\" action=\"")
                .append(esc(action))
                .append("\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .append(esc(csrf))
                .append("\">");
        for (int i = 0; i + 1 < fields.length; i += 2)
            b.append("<input type=\"hidden\" name=\"")
                    .append(esc(fields[i]))
                    .append("\" value=\"")
                    .append(esc(fields[i + 1]))
                    .append("\">");
        return b.append("<button type=\"submit\">")
                .append(esc(label))
                .append("</button></form>")
                .toString();
    }
}
