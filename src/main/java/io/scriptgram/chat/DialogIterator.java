package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code dialogs(opts)}: the account's chats as the app lists them (pinned first, then by last message), through
 * messages.getDialogs. Each item is {@code {name, entity, message, dialog}}: the chat's title or the user's name, the
 * user/chat/channel object, its last message (or null) and the {@code dialog} itself. Options: {@code limit},
 * {@code archived} (folder 1), {@code exclude_pinned}. The next page starts after the last dialog (its date, top
 * message and peer); a chat already listed is not listed again.
 */
public final class DialogIterator extends PageIterator {
    public static final String OPTIONS = "limit, archived, exclude_pinned";
    private static final int MAX_PAGE = 100;

    private final boolean archived, excludePinned;
    private final Set<String> seen = new HashSet<>();
    private int offsetDate, offsetId;
    private Object offsetPeer;

    public DialogIterator(Calls api, Map<String, ?> options) {
        this(api, new IterOptions("dialogs", options, OPTIONS));
    }

    private DialogIterator(Calls api, IterOptions o) {
        super(api, o.limit());
        this.archived = o.bool("archived");
        this.excludePinned = o.bool("exclude_pinned");
    }

    @Override
    protected int maxPage() {
        return MAX_PAGE;
    }

    @Override
    protected CompletableFuture<Page> fetch(int size) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (excludePinned) p.put("exclude_pinned", true);
        if (archived) p.put("folder_id", 1);
        p.put("offset_date", offsetDate);
        p.put("offset_id", offsetId);
        if (offsetPeer != null) p.put("offset_peer", offsetPeer);
        p.put("limit", size);
        p.put("hash", 0L);
        return call("messages.getDialogs", p).thenApply(r -> {
            if (!r.has("dialogs")) {
                end();
                return Page.EMPTY;
            }
            List<Object> dialogs = r.getList("dialogs");
            if (dialogs.size() < size || r.name().equals("messages.dialogs")) end();
            Page raw = Page.of(List.of(), r);
            List<Object> items = new ArrayList<>();
            TlObject last = null, lastMessage = null, lastEntity = null;
            for (Object o : dialogs) {
                if (!(o instanceof TlObject d) || !d.has("peer")) continue;
                TlObject peer = d.getObject("peer");
                TlObject entity = raw.entity(peer);
                TlObject message = topMessage(r, peer, d.has("top_message") ? d.getInt("top_message") : 0);
                last = d;
                lastMessage = message;
                lastEntity = entity;
                if (!seen.add(peer.toString())) continue;
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", name(entity));
                item.put("entity", entity);
                item.put("message", message);
                item.put("dialog", d);
                items.add(item);
            }
            if (last == null || lastEntity == null) end();
            else {
                offsetId = last.getInt("top_message");
                offsetDate = lastMessage != null && lastMessage.has("date") ? lastMessage.getInt("date") : 0;
                offsetPeer = lastEntity;
            }
            if (items.isEmpty() && !done()) end(); // a page of repeats only: the server is going round
            return new Page(items, raw.users(), raw.chats());
        });
    }

    private static TlObject topMessage(TlObject r, TlObject peer, int id) {
        for (Object o : r.getList("messages")) {
            if (o instanceof TlObject m && m.has("id") && m.getInt("id") == id && peer.equals(m.get("peer_id")))
                return m;
        }
        return null;
    }

    /** A chat's title, or a user's first and last name. */
    static String name(TlObject entity) {
        if (entity == null) return null;
        if (entity.has("title") && entity.get("title") != null) return entity.getString("title");
        String first =
                entity.has("first_name") && entity.get("first_name") != null ? entity.getString("first_name") : "";
        String last = entity.has("last_name") && entity.get("last_name") != null ? entity.getString("last_name") : "";
        return (first + " " + last).trim();
    }
}
