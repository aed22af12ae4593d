package io.scriptgram.console;

/** What a page answers: status, content type and body, or a redirect ({@code location} set). */
record Reply(int status, String contentType, String body, String location) {
    static final String HTML = "text/html; charset=utf-8";

    static Reply html(String body) {
        return new Reply(200, HTML, body, null);
    }

    static Reply text(int status, String body) {
        return new Reply(status, "text/plain; charset=utf-8", body, null);
    }

    static Reply json(String body) {
        return new Reply(200, "application/json", body, null);
    }

    /** After a change: back to the page it was made on (303: the browser GETs it). */
    static Reply seeOther(String location) {
        return new Reply(303, "text/plain; charset=utf-8", "", location);
    }

    static Reply notFound(String what) {
        return new Reply(
                404,
                HTML,
                Html.page("Not found", "/static/", null, true, "<h1>Not found</h1><p>" + Html.esc(what) + "</p>"),
                null);
    }
}
