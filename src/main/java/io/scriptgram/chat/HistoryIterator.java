package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code history(peer, opts)}: a chat's messages, newest first (or oldest first with {@code reverse}), through
 * messages.getHistory, or messages.search when {@code search}, {@code from} or {@code filter} is set. Options:
 * {@code limit}, {@code offset_id} / {@code offset_date} (start before them; with {@code reverse}, after the id or at
 * or after the date), {@code min_id} / {@code max_id} (exclusive bounds), {@code reverse}, {@code search},
 * {@code from}, {@code filter}. Pages follow core.telegram.org/api/offsets: the next page starts at the last id, and
 * oldest first asks with {@code add_offset = -limit} from just above it.
 */
public final class HistoryIterator extends PageIterator {
    public static final String OPTIONS = "limit, offset_id, offset_date, min_id, max_id, reverse, search, from, filter";
    private static final int MAX_PAGE = 100;

    /** As the script named it, then (after the first page) the InputPeer it resolved to, when known without a call. */
    private Object peer;

    private boolean peerKnown;
    private final boolean reverse, searching;
    private final int minId, maxId;
    private final String query;
    private final Object from;
    private final TlObject filter;
    private int offsetId, offsetDate;
    /** From the newest message with no bound: the result's count says when everything was read. */
    private final boolean whole;

    private long fetched;

    public HistoryIterator(TlSchema schema, Calls api, Object peer, Map<String, ?> options) {
        this(schema, api, peer, new IterOptions("history", options, OPTIONS));
    }

    private HistoryIterator(TlSchema schema, Calls api, Object peer, IterOptions o) {
        super(api, o.limit());
        if (peer == null) throw new IllegalArgumentException("history: which chat? (a peer such as \"@alice\")");
        this.peer = peer;
        this.reverse = o.bool("reverse");
        this.minId = o.natural("min_id");
        this.maxId = o.natural("max_id");
        this.query = o.string("search");
        this.from = o.value("from");
        this.filter = o.messagesFilter(schema, "filter");
        this.searching = query != null || from != null || filter != null;
        int id = o.natural("offset_id");
        this.offsetDate = o.natural("offset_date");
        this.whole = !reverse && id == 0 && offsetDate == 0 && minId == 0 && maxId == 0;
        if (reverse) {
            // Oldest first: ask from just above the newer of offset_id and min_id (both exclusive).
            int above = Math.max(id, minId);
            this.offsetId = above > 0 || offsetDate == 0 ? above + 1 : 0;
        } else {
            // Newest first: max_id narrows a page after it is cut, so start below it rather than above.
            this.offsetId = maxId > 0 && (id == 0 || id > maxId) ? maxId : id;
        }
    }

    @Override
    protected int maxPage() {
        return MAX_PAGE;
    }

    @Override
    protected CompletableFuture<Page> fetch(int size) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("peer", peer);
        if (searching) {
            p.put("q", query == null ? "" : query);
            if (from != null) p.put("from_id", from);
            if (filter != null) p.put("filter", filter);
        }
        if (searching) { // messages.search has no offset_date: the date bounds the search instead
            p.put("min_date", reverse ? offsetDate : 0);
            p.put("max_date", reverse || offsetDate == 0 ? 0 : offsetDate - 1);
        }
        p.put("offset_id", offsetId);
        if (!searching) p.put("offset_date", offsetDate);
        p.put("add_offset", reverse ? -size : 0);
        p.put("limit", size);
        p.put("max_id", maxId);
        p.put("min_id", minId);
        p.put("hash", 0L);
        String method = searching ? "messages.search" : "messages.getHistory";
        return call(method, p).thenApply(r -> {
            if (!r.has("messages")) { // messagesNotModified: we sent no hash, so nothing more to read
                end();
                return Page.EMPTY;
            }
            if (!peerKnown) {
                peerKnown = true;
                peer = known(peer);
            }
            List<Object> messages = new ArrayList<>(r.getList("messages"));
            fetched += messages.size();
            if (messages.size() < size || r.name().equals("messages.messages")) end();
            if (whole && r.has("count") && fetched >= r.getInt("count")) end(); // saves asking for an empty page
            if (reverse) Collections.reverse(messages);
            int last = 0;
            for (Object m : messages) if (m instanceof TlObject t && t.has("id")) last = t.getInt("id");
            if (!searching) offsetDate = 0; // the next page starts at the id; a search keeps its date bound
            offsetId = reverse ? last + 1 : last;
            if (last == 0) end();
            return Page.of(messages, r);
        });
    }
}
