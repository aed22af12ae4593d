package io.scriptgram.script;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A value on its way to a script with the users and chats it was delivered with (an update's, or a result's), so the
 * message objects inside it can give their {@code chat} and {@code sender}.
 */
record InContext(Object value, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
    InContext {
        users = users == null ? Map.of() : users;
        chats = chats == null ? Map.of() : chats;
    }

    static InContext of(Object value, List<?> users, List<?> chats) {
        return new InContext(value, byId(users), byId(chats));
    }

    /** users/chats vectors of a result, by id. */
    static Map<Long, TlObject> byId(List<?> list) {
        if (list == null || list.isEmpty()) return Map.of();
        Map<Long, TlObject> m = new HashMap<>();
        for (Object o : list) if (o instanceof TlObject t && t.has("id")) m.put(t.getLong("id"), t);
        return m;
    }

    /**
     * The first argument of an update handler: for the friendly events {@code message} and {@code edit}, the message
     * itself; for raw update names and {@code *}, the update.
     */
    static InContext handlerArgument(String event, UpdateEvent ev) {
        Object value = ev.update();
        if ((event.equals("message") || event.equals("edit"))
                && ev.update().constructor().param("message") != null
                && ev.update().get("message") instanceof TlObject m) value = m;
        return new InContext(value, ev.users(), ev.chats());
    }
}
