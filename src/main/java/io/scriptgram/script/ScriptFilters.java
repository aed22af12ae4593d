package io.scriptgram.script;

import io.scriptgram.chat.CommandFilter;
import io.scriptgram.chat.CommandMatcher;
import io.scriptgram.chat.MessageFilter;
import io.scriptgram.chat.MessageKinds;
import io.scriptgram.chat.PeerIds;
import io.scriptgram.chat.UpdateFilter;
import io.scriptgram.client.Peers;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.graalvm.polyglot.Value;

/**
 * Script filter objects → the {@link UpdateFilter} checked in Java before an update enters the script. THE ENTRY POINT
 * for every helper that takes a filter ({@code on(event, filter, fn)}, {@code command}, {@code waitFor},
 * conversations): call {@link #of(ScriptRuntime, String, Value)} with the filter minus its {@code pattern}; the
 * preludes split {@code pattern} off ({@code filterParts} in prelude.js, {@code _sg_filter_parts} in prelude.py) and
 * run it in the script's own language after this filter passed.
 *
 * <p>Keys: {@code incoming}, {@code outgoing}, {@code chats}, {@code from}, {@code private}, {@code groups},
 * {@code channels}, {@code media}. Unknown keys are refused, naming them. Peers in {@code chats} and {@code from} are
 * resolved once, here (a {@code "@name"} may ask the server), then matched by marked id.
 */
final class ScriptFilters {
    static final List<String> KEYS =
            List.of("pattern", "incoming", "outgoing", "chats", "from", "private", "groups", "channels", "media");
    static final List<String> COMMAND_KEYS =
            List.of("prefixes", "incoming", "chats", "from", "private", "groups", "channels");
    private static final long RESOLVE_SECONDS = 30;

    private ScriptFilters() {}

    /** The structural filter of {@code filter} (a JS object or Python dict, without pattern; null: any message). */
    static UpdateFilter of(ScriptRuntime rt, String event, Value filter) throws InterruptedException {
        String where = "on('" + event + "', filter)";
        return of(rt, event, map(rt, filter, where), where);
    }

    /** The same for a filter already in Java form ({@code where} names the call in errors). */
    static UpdateFilter of(ScriptRuntime rt, String event, Map<String, Object> f, String where)
            throws InterruptedException {
        if (!event.equals("message") && !event.equals("edit"))
            throw new IllegalArgumentException(
                    where + ": filters apply to the 'message' and 'edit' events, not '" + event + "'");
        refuseUnknown(f, KEYS, where);
        if (f.containsKey("pattern"))
            throw new IllegalArgumentException(where + ": pattern is matched by the script's prelude, not here");
        return messageFilter(rt, f, direction(f, where), where);
    }

    /** {@code command(names, fn, opts)}: the command's filter, which also gives the handler its name and args. */
    static CommandFilter command(ScriptRuntime rt, Value names, Value opts) throws InterruptedException {
        List<String> list = new ArrayList<>();
        Object n = rt.values().toJava(names, "command: name");
        if (n instanceof String s) list.add(s);
        else if (n instanceof List<?> l) for (Object o : l) list.add(o instanceof String s ? s : null);
        else throw new IllegalArgumentException("command: name must be a string or a list of strings, got " + n);
        String where = "command('" + (list.isEmpty() ? "" : list.get(0)) + "')";
        Map<String, Object> o = map(rt, opts, where + ": opts");
        refuseUnknown(o, COMMAND_KEYS, where);
        boolean incoming = Boolean.TRUE.equals(bool(o, "incoming", where));
        Object p = o.get("prefixes");
        List<String> prefixes;
        if (p == null) prefixes = CommandMatcher.eachCharacter(rt.host().commandPrefixes());
        else if (p instanceof String s) prefixes = CommandMatcher.eachCharacter(s);
        else if (p instanceof List<?> l) {
            prefixes = new ArrayList<>();
            for (Object x : l) prefixes.add(x instanceof String s ? s : null);
        } else throw new IllegalArgumentException(where + ": prefixes must be a string or a list of strings, got " + p);
        CommandMatcher matcher = new CommandMatcher(list, prefixes, () -> selfUsername(rt));
        o.remove("prefixes");
        o.remove("incoming");
        UpdateFilter and = o.isEmpty() ? null : messageFilter(rt, o, null, where);
        return new CommandFilter(matcher, incoming, rt.host().ownSends(), and);
    }

    /** What a command's handler gets in {@code info} besides the event's own: command, prefix, args, rest. */
    static Map<String, Object> commandInfo(CommandFilter f, UpdateEvent ev) {
        CommandMatcher.Match m = f.match(ev);
        Map<String, Object> info = new LinkedHashMap<>();
        if (m == null) return info;
        info.put("command", m.name());
        info.put("prefix", m.prefix());
        info.put("args", m.args());
        info.put("rest", m.rest());
        return info;
    }

    private static MessageFilter messageFilter(ScriptRuntime rt, Map<String, Object> f, Boolean outgoing, String where)
            throws InterruptedException {
        LongSupplier self = () -> selfId(rt);
        Set<Long> chats = peers(rt, f.get("chats"), where + ": chats");
        Set<Long> from = peers(rt, f.get("from"), where + ": from");
        Set<String> kinds = chatKinds(f, where);
        Set<String> media = null;
        if (f.containsKey("media")) {
            Object m = f.get("media");
            List<String> names = new ArrayList<>();
            if (m instanceof String s) names.add(s);
            else if (m instanceof List<?> l) for (Object x : l) names.add(String.valueOf(x));
            else throw new IllegalArgumentException(where + ": media must be a list of kinds, e.g. [\"photo\"]");
            List<String> bad = MessageKinds.unknown(names);
            if (!bad.isEmpty())
                throw new IllegalArgumentException(
                        where + ": unknown media kind(s) " + bad + "; known: " + MessageKinds.KINDS);
            media = Set.copyOf(names);
        }
        return new MessageFilter(outgoing, chats, from, kinds, media, self);
    }

    private static Map<String, Object> map(ScriptRuntime rt, Value v, String where) {
        if (v == null || v.isNull()) return new LinkedHashMap<>();
        Object o = rt.values().toJava(v, where);
        if (!(o instanceof Map<?, ?> m))
            throw new IllegalArgumentException(where + ": expected an object like {incoming: true}, got " + o);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
        if (out.containsKey("from_") && !out.containsKey("from")) out.put("from", out.remove("from_"));
        return out;
    }

    private static void refuseUnknown(Map<String, Object> f, List<String> known, String where) {
        Set<String> bad = new TreeSet<>(f.keySet());
        known.forEach(bad::remove);
        if (!bad.isEmpty())
            throw new IllegalArgumentException(where + ": unknown filter key(s) " + bad + "; known: " + known);
    }

    private static Boolean bool(Map<String, Object> f, String key, String where) {
        Object v = f.get(key);
        if (v == null || v instanceof Boolean) return (Boolean) v;
        throw new IllegalArgumentException(where + ": " + key + " must be true or false, got " + v);
    }

    /** incoming/outgoing → true (only outgoing), false (only incoming) or null (both). */
    private static Boolean direction(Map<String, Object> f, String where) {
        Boolean in = bool(f, "incoming", where), out = bool(f, "outgoing", where);
        if (Boolean.FALSE.equals(in) && Boolean.FALSE.equals(out))
            throw new IllegalArgumentException(where + ": incoming: false and outgoing: false match nothing");
        if (Boolean.TRUE.equals(in) && Boolean.TRUE.equals(out)) return null;
        if (in != null) return !in;
        return out;
    }

    private static Set<String> chatKinds(Map<String, Object> f, String where) {
        Set<String> yes = new LinkedHashSet<>(), no = new LinkedHashSet<>();
        for (String k : List.of("private", "groups", "channels")) {
            Boolean b = bool(f, k, where);
            if (Boolean.TRUE.equals(b)) yes.add(k);
            else if (Boolean.FALSE.equals(b)) no.add(k);
        }
        if (!yes.isEmpty()) return Set.copyOf(yes);
        if (no.isEmpty()) return null;
        Set<String> rest = new LinkedHashSet<>(MessageFilter.CHAT_KINDS);
        rest.removeAll(no);
        return Set.copyOf(rest);
    }

    private static Set<Long> peers(ScriptRuntime rt, Object v, String where) throws InterruptedException {
        if (v == null) return null;
        List<?> list = v instanceof List<?> l ? l : List.of(v);
        Set<Long> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++)
            out.add(peer(rt, list.get(i), list.size() > 1 ? where + "[" + i + "]" : where));
        return Set.copyOf(out);
    }

    /** One peer in any form a call accepts → its marked id. */
    static long peer(ScriptRuntime rt, Object v, String where) throws InterruptedException {
        if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
        if (v instanceof BigInteger b) return b.longValueExact();
        if (v instanceof Double d && d == Math.rint(d)) return d.longValue();
        if (v instanceof Map<?, ?> m && m.get("_") instanceof String name) return fromMap(rt, name, m, where);
        if (v instanceof String s) {
            String t = s.trim();
            if (t.matches("-?\\d+")) return Long.parseLong(t);
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.equals("me") || lower.equals("self")) return selfId(rt);
            Peers peers = rt.host().peers();
            if (peers == null)
                throw new IllegalArgumentException(
                        where + ": '" + s + "' cannot be resolved here (no account); use an id");
            return PeerIds.of(await(rt, peers.inputPeer(t, where), where), selfId(rt));
        }
        throw new IllegalArgumentException(where + ": cannot use " + v + " as a peer");
    }

    private static long fromMap(ScriptRuntime rt, String name, Map<?, ?> m, String where) {
        try {
            return switch (name) {
                case "user", "userEmpty" -> num(m, "id");
                case "chat", "chatEmpty", "chatForbidden" -> PeerIds.chat(num(m, "id"));
                case "channel", "channelForbidden" -> PeerIds.channel(num(m, "id"));
                case "peerUser", "inputPeerUser", "inputUser" -> num(m, "user_id");
                case "peerChat", "inputPeerChat" -> PeerIds.chat(num(m, "chat_id"));
                case "peerChannel", "inputPeerChannel", "inputChannel" -> PeerIds.channel(num(m, "channel_id"));
                case "inputPeerSelf", "inputUserSelf" -> selfId(rt);
                default -> throw new IllegalArgumentException(where + ": a " + name + " is not a peer");
            };
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": this " + name + " has no usable id");
        }
    }

    private static long num(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof String s ? Long.parseLong(s) : ((Number) v).longValue();
    }

    private static TlObject await(ScriptRuntime rt, CompletableFuture<TlObject> f, String where)
            throws InterruptedException {
        rt.pauseClock(); // waiting on the server is not the script running
        try {
            CompletableFuture.anyOf(f, rt.unloading()).get(RESOLVE_SECONDS, TimeUnit.SECONDS);
            if (!f.isDone()) throw new IllegalStateException(where + ": the script is unloading");
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = RpcClient.cause(e);
            throw c instanceof IllegalArgumentException iae
                    ? iae
                    : new IllegalArgumentException(where + ": " + Bridge.message(c), c);
        } catch (TimeoutException e) {
            throw new IllegalArgumentException(where + ": no answer from the server within " + RESOLVE_SECONDS + " s");
        } finally {
            rt.resumeClock();
        }
    }

    static long selfId(ScriptRuntime rt) {
        TlObject self = rt.spec().self() != null ? rt.spec().self() : rt.host().self();
        return self == null ? 0 : self.getLong("id");
    }

    private static String selfUsername(ScriptRuntime rt) {
        TlObject self = rt.spec().self() != null ? rt.spec().self() : rt.host().self();
        return self != null && self.has("username") ? self.getString("username") : null;
    }
}
