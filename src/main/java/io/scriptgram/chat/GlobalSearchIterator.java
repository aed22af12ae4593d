package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code search(query, opts)}: messages matching {@code query} in all the account's chats, newest first, through
 * messages.searchGlobal. Options: {@code limit}, {@code filter} (a kind, as for history). The next page starts after
 * the last message: its {@code next_rate} (or date), its chat and its id.
 */
public final class GlobalSearchIterator extends PageIterator {
    public static final String OPTIONS = "limit, filter";
    private static final int MAX_PAGE = 100;

    private final String query;
    private final TlObject filter;
    private int offsetRate, offsetId;
    private Object offsetPeer;

    public GlobalSearchIterator(TlSchema schema, Calls api, String query, Map<String, ?> options) {
        this(schema, api, query, new IterOptions("search", options, OPTIONS));
    }

    private GlobalSearchIterator(TlSchema schema, Calls api, String query, IterOptions o) {
        super(api, o.limit());
        this.query = query == null ? "" : query;
        this.filter = o.messagesFilter(schema, "filter");
    }

    @Override
    protected int maxPage() {
        return MAX_PAGE;
    }

    @Override
    protected CompletableFuture<Page> fetch(int size) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("q", query);
        if (filter != null) p.put("filter", filter);
        p.put("offset_rate", offsetRate);
        if (offsetPeer != null) p.put("offset_peer", offsetPeer);
        p.put("offset_id", offsetId);
        p.put("limit", size);
        return call("messages.searchGlobal", p).thenApply(r -> {
            if (!r.has("messages")) {
                end();
                return Page.EMPTY;
            }
            List<Object> messages = r.getList("messages");
            if (messages.size() < size || r.name().equals("messages.messages")) end();
            Page page = Page.of(messages, r);
            if (messages.isEmpty() || !(messages.get(messages.size() - 1) instanceof TlObject last)) {
                end();
                return page;
            }
            TlObject entity = page.entity(last.getObject("peer_id"));
            if (entity == null) end();
            offsetPeer = entity;
            offsetId = last.getInt("id");
            offsetRate = r.has("next_rate") && r.get("next_rate") != null ? r.getInt("next_rate") : last.getInt("date");
            return page;
        });
    }
}
