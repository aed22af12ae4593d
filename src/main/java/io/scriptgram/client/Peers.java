package io.scriptgram.client;

import io.scriptgram.store.CachedPeer;
import io.scriptgram.store.PeerCache;
import io.scriptgram.store.PeerType;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peers the way users name them. Every user, chat and channel the client sees goes into the peer cache (with its access
 * hash); parameters of type InputPeer, InputUser and InputChannel (and vectors of them) accept {@code "@username"},
 * {@code "me"}/{@code "self"}, a numeric id, a phone number, a {@code t.me/…} link, or a user/chat/peer object received
 * earlier. Unknown usernames are resolved with {@code contacts.resolveUsername} once and cached.
 */
public final class Peers implements ParamResolver {
    private static final Pattern LINK =
            Pattern.compile("^(?:https?://)?(?:t\\.me|telegram\\.me|telegram\\.dog)/(?:s/)?([A-Za-z0-9_]{3,})/?.*$");
    private static final Pattern USERNAME = Pattern.compile("^@?([A-Za-z][A-Za-z0-9_]{2,})$");
    private static final Pattern PHONE = Pattern.compile("^\\+[0-9 ()\\-]{5,}$");
    private static final long CHANNEL_BOT_API_OFFSET = 1_000_000_000_000L;

    private final TlSchema schema;
    private final PeerCache cache;
    private final ApiInvoker api;
    private final LongSupplier selfId;
    private final InstantSource clock;
    /** What this client last wrote of each peer, to skip writes that would change nothing (see {@link #remember}). */
    private final WrittenPeers written = new WrittenPeers();
    /** What this client last read of each peer (see {@link ReadPeers}). */
    private final ReadPeers read;

    public Peers(TlSchema schema, PeerCache cache, ApiInvoker api, LongSupplier selfId, InstantSource clock) {
        this.schema = schema;
        this.cache = cache;
        this.read = new ReadPeers(cache);
        this.api = api;
        this.selfId = selfId;
        this.clock = clock;
    }

    // ---- learning ----

    /**
     * Caches every user, chat and channel inside {@code value} (a result, an update, a list of them). A peer already
     * written with the same fields is written again only to move its last-seen time, at most once per
     * {@link WrittenPeers#LAST_SEEN_STEP}: most updates and results carry the same few users and chats, and each write
     * is a commit that waits for a disk sync (it capped a script's command round trips at the disk's sync rate).
     */
    public void remember(Object value) {
        List<CachedPeer> found = new ArrayList<>();
        collect(value, found, 0);
        if (found.isEmpty()) return;
        List<CachedPeer> changed = written.changed(found);
        if (changed.isEmpty()) return;
        try {
            cache.upsertAll(changed);
        } finally {
            read.written(changed);
        }
        written.wrote(changed);
    }

    /** The peer cache was emptied behind this object's back (a logout): every peer seen from now on is written. */
    public void forgetWritten() {
        written.clear();
        read.clear();
    }

    private void collect(Object v, List<CachedPeer> out, int depth) {
        if (depth > 6) return;
        if (v instanceof List<?> l) {
            for (Object e : l) collect(e, out, depth + 1);
        } else if (v instanceof TlObject o) {
            CachedPeer p = toCached(o);
            if (p != null) {
                out.add(p);
                return;
            }
            for (TlParam param : o.constructor().params()) {
                if (param.type.kind == TlType.VECTOR || param.type.isObject())
                    collect(o.get(param.name), out, depth + 1);
            }
        }
    }

    private CachedPeer toCached(TlObject o) {
        String type = o.constructor().typeName();
        if (type.equals("User") && o.name().equals("user")) {
            List<String> names = usernames(o);
            String name = join(
                    o.has("first_name") ? o.getString("first_name") : null,
                    o.has("last_name") ? o.getString("last_name") : null);
            OptionalLong hash = o.has("access_hash") ? OptionalLong.of(o.getLong("access_hash")) : OptionalLong.empty();
            return new CachedPeer(
                    PeerType.USER,
                    o.getLong("id"),
                    hash,
                    o.has("min"),
                    names,
                    o.has("phone") ? o.getString("phone") : null,
                    name,
                    clock.instant());
        }
        if (type.equals("Chat")) {
            switch (o.name()) {
                case "chat", "chatForbidden", "chatEmpty" -> {
                    return new CachedPeer(
                            PeerType.CHAT,
                            o.getLong("id"),
                            OptionalLong.empty(),
                            false,
                            List.of(),
                            null,
                            o.has("title") ? o.getString("title") : null,
                            clock.instant());
                }
                case "channel", "channelForbidden" -> {
                    OptionalLong hash =
                            o.has("access_hash") ? OptionalLong.of(o.getLong("access_hash")) : OptionalLong.empty();
                    return new CachedPeer(
                            PeerType.CHANNEL,
                            o.getLong("id"),
                            hash,
                            o.has("min"),
                            usernames(o),
                            null,
                            o.has("title") ? o.getString("title") : null,
                            clock.instant());
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private static List<String> usernames(TlObject o) {
        List<String> names = new ArrayList<>();
        if (o.has("username")) names.add(o.getString("username"));
        if (o.has("usernames")) {
            for (Object u : o.getList("usernames")) {
                if (u instanceof TlObject un && un.has("username") && !names.contains(un.getString("username")))
                    names.add(un.getString("username"));
            }
        }
        return names;
    }

    private static String join(String a, String b) {
        if (a == null || a.isEmpty()) return b;
        if (b == null || b.isEmpty()) return a;
        return a + " " + b;
    }

    /** The inputChannel for a cached channel, or null when its access hash was never seen. */
    public TlObject inputChannel(long channelId) {
        return read.get(PeerType.CHANNEL, channelId)
                .filter(p -> p.accessHash().isPresent())
                .map(p -> TlObject.of(
                        schema,
                        "inputChannel",
                        Map.of(
                                "channel_id",
                                channelId,
                                "access_hash",
                                p.accessHash().getAsLong())))
                .orElse(null);
    }

    // ---- resolving ----

    private enum Want {
        PEER,
        USER,
        CHANNEL
    }

    /**
     * One peer as users name it ("@alice", "me", an id, a phone, a t.me link, an object) → its InputPeer; {@code where}
     * names it in errors.
     */
    public CompletableFuture<TlObject> inputPeer(Object value, String where) {
        return resolveOne(value, Want.PEER, where);
    }

    @Override
    public CompletableFuture<Map<String, ?>> resolve(TlConstructor method, Map<String, ?> params) {
        Map<String, Object> out = null;
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (Map.Entry<String, ?> e : params.entrySet()) {
            TlParam p = method.param(e.getKey());
            if (p == null) continue; // TlObject.of names the unknown parameter
            Want want = want(p.type.kind == TlType.VECTOR ? p.type.element : p.type);
            if (want == null || e.getValue() == null) continue;
            if (out == null) out = new LinkedHashMap<>(params);
            String where = method.name() + ": " + p.name;
            if (p.type.kind == TlType.VECTOR && e.getValue() instanceof List<?> list) {
                List<Object> converted = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    int idx = i;
                    converted.add(null);
                    CompletableFuture<TlObject> f = resolveOne(list.get(i), want, where + "[" + i + "]");
                    if (doneWell(f)) set(converted, idx, f.join()); // under the same lock as a later completion
                    else pending.add(f.thenAccept(v -> set(converted, idx, v)));
                }
                out.put(p.name, converted);
            } else {
                Map<String, Object> target = out;
                CompletableFuture<TlObject> f = resolveOne(e.getValue(), want, where);
                if (doneWell(f)) put(target, p.name, f.join());
                else pending.add(f.thenAccept(v -> put(target, p.name, v)));
            }
        }
        if (out == null) return CompletableFuture.completedFuture(params);
        Map<String, ?> result = out;
        // peers from the cache are known at once: no stages to chain (the common case, once per call)
        if (pending.isEmpty()) return CompletableFuture.completedFuture(result);
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .thenApply(v -> result);
    }

    private static boolean doneWell(CompletableFuture<?> f) {
        return f.isDone() && !f.isCompletedExceptionally();
    }

    private static synchronized void set(List<Object> l, int i, Object v) {
        l.set(i, v);
    }

    private static synchronized void put(Map<String, Object> m, String k, Object v) {
        m.put(k, v);
    }

    private static Want want(TlType t) {
        if (t.kind != TlType.BOXED) return null;
        return switch (t.text) {
            case "InputPeer" -> Want.PEER;
            case "InputUser" -> Want.USER;
            case "InputChannel" -> Want.CHANNEL;
            default -> null;
        };
    }

    private CompletableFuture<TlObject> resolveOne(Object v, Want want, String where) {
        try {
            if (v instanceof TlObject o) return CompletableFuture.completedFuture(fromObject(o, want, where));
            if (v instanceof Map<?, ?> m && m.containsKey("_")) {
                return CompletableFuture.completedFuture(fromObject(TlObject.of(schema, castMap(m)), want, where));
            }
            if (v instanceof Number n) return CompletableFuture.completedFuture(fromId(n.longValue(), want, where));
            if (v instanceof String s) return fromText(s.trim(), want, where);
            throw new PeerException(where + ": cannot use " + v.getClass().getSimpleName() + " as a peer");
        } catch (PeerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castMap(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }

    private CompletableFuture<TlObject> fromText(String s, Want want, String where) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("me") || lower.equals("self")) return CompletableFuture.completedFuture(self(want, where));
        if (s.matches("-?\\d+")) return CompletableFuture.completedFuture(fromId(Long.parseLong(s), want, where));
        if (PHONE.matcher(s).matches()) {
            CachedPeer p = cache.byPhone(s)
                    .orElseThrow(() -> new PeerException(where + ": no contact with phone " + s + " is known"));
            return CompletableFuture.completedFuture(input(p, want, where));
        }
        Matcher link = LINK.matcher(s);
        String username = link.matches() ? link.group(1) : null;
        if (username == null) {
            Matcher u = USERNAME.matcher(s);
            if (!u.matches())
                throw new PeerException(where + ": '" + s + "' is not a username, id, phone, t.me link or \"me\"");
            username = u.group(1);
        }
        Optional<CachedPeer> cached = cache.byUsername(username);
        if (cached.isPresent() && cached.get().accessHash().isPresent()
                || cached.isPresent() && cached.get().type() == PeerType.CHAT) {
            return CompletableFuture.completedFuture(input(cached.get(), want, where));
        }
        String name = username;
        return api.invoke("contacts.resolveUsername", Map.of("username", name)).handle((r, err) -> {
            if (err != null) {
                Throwable c = RpcClient.cause(err);
                String why = c instanceof RpcException re ? re.rawMessage() : String.valueOf(c.getMessage());
                throw new PeerException(
                        where + ": no user, chat or channel has the username @" + name + " (" + why + ")");
            }
            remember(r);
            CachedPeer p = cache.byUsername(name)
                    .orElseThrow(() -> new PeerException(where + ": @" + name + " resolved to nothing usable"));
            return input(p, want, where);
        });
    }

    private TlObject fromId(long id, Want want, String where) {
        if (id == selfId.getAsLong()) return self(want, where);
        PeerType type = null;
        long bare = id;
        if (id < -CHANNEL_BOT_API_OFFSET) { // Bot API style -100… ids
            type = PeerType.CHANNEL;
            bare = -id - CHANNEL_BOT_API_OFFSET;
        } else if (id < 0) {
            type = PeerType.CHAT;
            bare = -id;
        }
        List<CachedPeer> found = type == null
                ? cache.byId(bare)
                : read.get(type, bare).map(List::of).orElse(List.of());
        if (found.isEmpty())
            throw new PeerException(where + ": no peer with id " + id
                    + " is known yet (it must have been seen first, or use @username)");
        CachedPeer pick = found.get(0);
        for (CachedPeer p : found) {
            if (want == Want.USER && p.type() == PeerType.USER || want == Want.CHANNEL && p.type() == PeerType.CHANNEL)
                pick = p;
        }
        return input(pick, want, where);
    }

    private TlObject fromObject(TlObject o, Want want, String where) {
        String type = o.constructor().typeName();
        if (type.equals("InputPeer") && want == Want.PEER
                || type.equals("InputUser") && want == Want.USER
                || type.equals("InputChannel") && want == Want.CHANNEL) {
            return o;
        }
        return switch (o.name()) {
            case "user", "userEmpty" -> fromCached(PeerType.USER, o.getLong("id"), want, where, o);
            case "chat", "chatForbidden", "chatEmpty" -> fromCached(PeerType.CHAT, o.getLong("id"), want, where, o);
            case "channel", "channelForbidden" -> fromCached(PeerType.CHANNEL, o.getLong("id"), want, where, o);
            case "peerUser" -> fromCached(PeerType.USER, o.getLong("user_id"), want, where, null);
            case "peerChat" -> fromCached(PeerType.CHAT, o.getLong("chat_id"), want, where, null);
            case "peerChannel" -> fromCached(PeerType.CHANNEL, o.getLong("channel_id"), want, where, null);
            case "inputPeerUser" -> fromCached(PeerType.USER, o.getLong("user_id"), want, where, null);
            case "inputPeerChannel" -> fromCached(PeerType.CHANNEL, o.getLong("channel_id"), want, where, null);
            case "inputPeerSelf", "inputUserSelf" -> self(want, where);
            default -> throw new PeerException(where + ": a " + o.name() + " is not a peer");
        };
    }

    private TlObject fromCached(PeerType type, long id, Want want, String where, TlObject seen) {
        if (type == PeerType.USER && id == selfId.getAsLong()) return self(want, where);
        if (seen != null) remember(seen);
        CachedPeer p = read.get(type, id)
                .orElseThrow(() -> new PeerException(where + ": " + type.name().toLowerCase(Locale.ROOT) + " " + id
                        + " is not known yet (no access hash seen)"));
        return input(p, want, where);
    }

    private TlObject self(Want want, String where) {
        return switch (want) {
            case PEER -> TlObject.of(schema, "inputPeerSelf", Map.of());
            case USER -> TlObject.of(schema, "inputUserSelf", Map.of());
            case CHANNEL -> throw new PeerException(where + ": \"me\" is a user, not a channel");
        };
    }

    /** The peer as an error names it; built only for an error (input() runs on every call that names a peer). */
    private static String what(CachedPeer p) {
        return p.type().name().toLowerCase(Locale.ROOT) + " " + p.id()
                + (p.usernames().isEmpty() ? "" : " (@" + p.usernames().get(0) + ")");
    }

    private TlObject input(CachedPeer p, Want want, String where) {
        long hash = p.accessHash().orElse(0L);
        return switch (want) {
            case PEER ->
                switch (p.type()) {
                    case USER -> TlObject.of(schema, "inputPeerUser", Map.of("user_id", p.id(), "access_hash", hash));
                    case CHAT -> TlObject.of(schema, "inputPeerChat", Map.of("chat_id", p.id()));
                    case CHANNEL ->
                        TlObject.of(schema, "inputPeerChannel", Map.of("channel_id", p.id(), "access_hash", hash));
                };
            case USER -> {
                if (p.type() != PeerType.USER) throw new PeerException(where + ": " + what(p) + " is not a user");
                yield TlObject.of(schema, "inputUser", Map.of("user_id", p.id(), "access_hash", hash));
            }
            case CHANNEL -> {
                if (p.type() != PeerType.CHANNEL)
                    throw new PeerException(where + ": " + what(p) + " is not a channel or supergroup");
                yield TlObject.of(schema, "inputChannel", Map.of("channel_id", p.id(), "access_hash", hash));
            }
        };
    }

    /** A peer parameter that names nothing known; the message names the method and parameter. */
    public static final class PeerException extends IllegalArgumentException {
        public PeerException(String message) {
            super(message);
        }
    }
}
