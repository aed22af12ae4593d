package io.scriptgram.client.updates;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's side of the users and chats it sees: remembers them, hands them to the entity hook, knows the logged-in
 * user, and builds a channel's inputChannel for updates.getChannelDifference. Used on the updates thread only.
 */
final class KnownPeers {
    private static final Logger LOG = Logger.getLogger(UpdatesEngine.class.getName());

    private final Entities entities;
    private final UpdatesHooks hooks;
    private final TlSchema schema;
    private long selfId;

    KnownPeers(Entities entities, UpdatesHooks hooks, TlSchema schema) {
        this.entities = entities;
        this.hooks = hooks;
        this.schema = schema;
    }

    /**
     * Users and chats seen: remembered, and handed to the entity hook before any handler sees the updates that carry
     * them.
     */
    void seen(List<Object> users, List<Object> chats) {
        boolean none = (users == null || users.isEmpty()) && (chats == null || chats.isEmpty());
        if (none) return;
        entities.addAll(users, chats);
        List<TlObject> all = new ArrayList<>();
        if (users != null) {
            for (Object o : users) {
                TlObject u = (TlObject) o;
                all.add(u);
                if (u.constructor().param("self") != null && u.getBool("self")) selfId = u.getLong("id");
            }
        }
        if (chats != null) for (Object o : chats) all.add((TlObject) o);
        try {
            hooks.entities().accept(List.copyOf(all));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the entity hook failed; updates go on", e);
        }
    }

    TlObject inputChannel(long id) {
        TlObject c = entities.chat(id);
        if (c != null && c.name().equals("channel") && c.has("access_hash") && !c.getBool("min")) {
            return TlObject.of(
                    schema, "inputChannel", Map.of("channel_id", id, "access_hash", c.getLong("access_hash")));
        }
        return hooks.inputChannel().apply(id);
    }

    long selfId() {
        long id = hooks.selfId().getAsLong();
        return id != 0 ? id : selfId;
    }
}
