package io.scriptgram.chat;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code participants(chat, opts)}: a group's or channel's members, each as {@code {user, participant}} (the user
 * object, and its chatParticipant… or channelParticipant…: creator, admin, date joined). A supergroup or channel pages
 * through channels.getParticipants (200 a page, by offset); a basic group, named by its chat object or its {@code -ID},
 * comes whole from messages.getFullChat. Options: {@code limit}, {@code filter} ({@code "recent"}, {@code "admins"},
 * {@code "bots"}), {@code search} (in names and usernames).
 */
public final class ParticipantIterator extends PageIterator {
    public static final String OPTIONS = "limit, filter, search";
    private static final int MAX_PAGE = 200;
    private static final long CHANNEL_ID_OFFSET = 1_000_000_000_000L;

    private final TlSchema schema;
    private final Object chat;
    private final Long basicChatId;
    private final String filter, search;
    private int offset;

    public ParticipantIterator(TlSchema schema, Calls api, Object chat, Map<String, ?> options) {
        this(schema, api, chat, new IterOptions("participants", options, OPTIONS));
    }

    private ParticipantIterator(TlSchema schema, Calls api, Object chat, IterOptions o) {
        super(api, o.limit());
        if (chat == null) throw new IllegalArgumentException("participants: which chat? (a group or channel)");
        this.schema = schema;
        this.chat = chat;
        this.basicChatId = basicChatId(chat);
        String f = o.string("filter");
        this.filter = f == null ? "recent" : f.toLowerCase(Locale.ROOT);
        if (!List.of("recent", "admins", "bots").contains(filter))
            throw new IllegalArgumentException(
                    "participants: option 'filter' expects \"recent\", \"admins\" or \"bots\", got \"" + f + "\"");
        String s = o.string("search");
        this.search = s == null || s.isBlank() ? null : s.trim();
    }

    /** The id of a basic group named by its object or a {@code -ID}, else null (a supergroup or channel). */
    private static Long basicChatId(Object chat) {
        if (chat instanceof Map<?, ?> m && m.get("_") instanceof String name) {
            Object id = m.containsKey("chat_id") ? m.get("chat_id") : m.get("id");
            return (name.equals("chat")
                                    || name.equals("chatForbidden")
                                    || name.equals("inputPeerChat")
                                    || name.equals("peerChat"))
                            && id instanceof Number n
                    ? n.longValue()
                    : null;
        }
        if (chat instanceof TlObject t) {
            return switch (t.name()) {
                case "chat", "chatForbidden" -> t.getLong("id");
                case "inputPeerChat", "peerChat" -> t.getLong("chat_id");
                default -> null;
            };
        }
        long id;
        if (chat instanceof Number n) id = n.longValue();
        else if (chat instanceof CharSequence s && s.toString().trim().matches("-\\d+"))
            id = Long.parseLong(s.toString().trim());
        else return null;
        return id < 0 && id > -CHANNEL_ID_OFFSET ? -id : null;
    }

    @Override
    protected int maxPage() {
        return MAX_PAGE;
    }

    @Override
    protected CompletableFuture<Page> fetch(int size) {
        if (basicChatId != null) {
            end();
            return call("messages.getFullChat", Map.of("chat_id", basicChatId)).thenApply(this::basic);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("channel", chat);
        p.put("filter", channelFilter());
        p.put("offset", offset);
        p.put("limit", size);
        p.put("hash", 0L);
        return call("channels.getParticipants", p).thenApply(r -> {
            if (!r.has("participants")) {
                end();
                return Page.EMPTY;
            }
            List<Object> parts = r.getList("participants");
            offset += parts.size();
            if (parts.size() < size || offset >= r.getInt("count")) end();
            Page raw = Page.of(List.of(), r);
            List<Object> users = new ArrayList<>();
            for (Object o : parts) {
                Map<String, Object> u = withParticipant(raw, (TlObject) o);
                // A search the server did not do (admins or bots with a search) is done here.
                if (u != null && (filter.equals("recent") || matches(u))) users.add(u);
            }
            return new Page(users, raw.users(), raw.chats());
        });
    }

    private TlObject channelFilter() {
        return switch (filter) {
            case "admins" -> TlObject.of(schema, "channelParticipantsAdmins", Map.of());
            case "bots" -> TlObject.of(schema, "channelParticipantsBots", Map.of());
            default ->
                search != null
                        ? TlObject.of(schema, "channelParticipantsSearch", Map.of("q", search))
                        : TlObject.of(schema, "channelParticipantsRecent", Map.of());
        };
    }

    private Page basic(TlObject r) {
        TlObject full = r.getObject("full_chat");
        TlObject list = full.getObject("participants");
        Page raw = Page.of(List.of(), r);
        List<Object> users = new ArrayList<>();
        if (list.has("participants")) {
            for (Object o : list.getList("participants")) {
                TlObject part = (TlObject) o;
                boolean admin = part.name().equals("chatParticipantAdmin")
                        || part.name().equals("chatParticipantCreator");
                if (filter.equals("admins") && !admin) continue;
                Map<String, Object> u = withParticipant(raw, part);
                if (u == null || filter.equals("bots") && !((TlObject) u.get("user")).getBool("bot")) continue;
                if (matches(u)) users.add(u);
            }
        }
        return new Page(users, raw.users(), raw.chats());
    }

    /** {@code {user, participant}}; null when the page lacks the user. */
    private static Map<String, Object> withParticipant(Page raw, TlObject part) {
        if (!part.has("user_id")) return null;
        long id = part.getLong("user_id");
        for (Object o : raw.users()) {
            if (o instanceof TlObject u && u.has("id") && u.getLong("id") == id) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("user", u);
                out.put("participant", part);
                return out;
            }
        }
        return null;
    }

    private boolean matches(Map<String, Object> item) {
        if (search == null) return true;
        TlObject u = (TlObject) item.get("user");
        String q = search.toLowerCase(Locale.ROOT);
        String name = (text(u, "first_name") + " " + text(u, "last_name")).toLowerCase(Locale.ROOT);
        return name.contains(q)
                || text(u, "username").toLowerCase(Locale.ROOT).startsWith(q)
                        && !text(u, "username").isEmpty();
    }

    private static String text(TlObject u, String field) {
        return u.has(field) && u.get(field) != null ? u.getString(field) : "";
    }
}
