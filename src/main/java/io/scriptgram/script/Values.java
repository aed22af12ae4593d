package io.scriptgram.script;

import io.scriptgram.client.UpdateEvent;
import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * TL values ↔ script values, for one context (used on its thread only). Results become native objects: JS plain
 * objects/arrays, Python {@code TlObject} dicts/lists, so they read, serialise and destructure like anything else in
 * the language. In JS, what scripts often leave unread is converted at its first read instead ({@link #later}): a raw
 * call's result, a handler's {@code info.users}/{@code info.chats}, a message's {@code chat} and {@code sender}.
 *
 * <ul>
 *   <li>long: JS gets a Number when |v| ≤ 2^53 (exact) and a BigInt beyond; Python gets an int. Accepted: numbers,
 *       BigInt / Python int, and decimal strings.
 *   <li>bytes, int128, int256: JS Uint8Array, Python bytes (both ways).
 *   <li>{@code true} flags: always present in results as true/false; optional fields that are absent are left out.
 * </ul>
 */
final class Values {
    static final long MAX_SAFE = 1L << 53;
    static final int MAX_DEPTH = 100;

    private final ScriptLanguage lang;
    private final Value mkObj, mkList, mkBytes, mkBig, mkErr;
    private Value mkRejected;
    private MessageObjects messages;
    /** The users and chats of the update or result being converted: what message objects take chat/sender from. */
    private Map<Long, TlObject> users = Map.of(), chats = Map.of();

    Values(ScriptLanguage lang, Value mkObj, Value mkList, Value mkBytes, Value mkBig, Value mkErr) {
        this.lang = lang;
        this.mkObj = mkObj;
        this.mkList = mkList;
        this.mkBytes = mkBytes;
        this.mkBig = mkBig;
        this.mkErr = mkErr;
    }

    void rejectedFactory(Value f) {
        mkRejected = f;
    }

    private Value mkMsg;

    /**
     * JS: the prelude's {@code mkFill(obj, keys, values)}, which sets every non-null value under its key in one call. A
     * message has some 30 fields; one host-to-guest call per object instead of one per field is most of the cost of
     * handing a page or an update to a script.
     */
    private Value mkFill;

    /** Per constructor: its keys as a guest array ({@code _} first) and where each value sits in the TL object. */
    private record Plan(Value keys, int[] index, boolean[] isTrue) {}

    private final IdentityHashMap<TlConstructor, Plan> plans = new IdentityHashMap<>();

    void fillFactory(Value f) {
        mkFill = f;
    }

    /** The prelude's message factory (see {@link MessageObjects}). */
    void messageFactory(Value f) {
        mkMsg = f;
    }

    /** From now on each {@code message} inside converted values becomes a message object (methods, chat, sender). */
    void messageObjects(TlSchema schema, Supplier<TlObject> self) {
        messages = new MessageObjects(this, mkMsg, schema, self);
        if (mkPage != null) pages = new GuestPages(this, messages, mkPage);
    }

    /**
     * JS: the prelude's {@code mkPage}, which builds a list of TL objects from one JSON text (see {@link GuestPages}).
     */
    private Value mkPage;

    private GuestPages pages;

    void pageFactory(Value f) {
        mkPage = f;
    }

    /** JS: a promise already rejected with {@code error}. */
    Value rejected(Value error) {
        return mkRejected.execute(error);
    }

    /**
     * An error value of the script's language: kind {@code rpc} (RpcError), {@code type} (TypeError) or anything else
     * (Error).
     */
    Value error(String kind, int code, String type, String message, String method, long seconds) {
        return mkErr.execute(kind, code, type, message, method, seconds);
    }

    // ---- Java → script ----

    Object toGuest(Object v) {
        return toGuest(v, 0);
    }

    Object toGuest(Object v, int depth) {
        if (v == null || v instanceof Boolean || v instanceof String || v instanceof Integer || v instanceof Double)
            return v;
        if (depth > MAX_DEPTH) throw new IllegalStateException("value nested deeper than " + MAX_DEPTH);
        if (v instanceof Long l)
            return lang == ScriptLanguage.JS && (l > MAX_SAFE || l < -MAX_SAFE) ? mkBig.execute(l.toString()) : l;
        if (v instanceof TlObject o) return object(o, depth);
        if (v instanceof InContext c) return inContext(c.users(), c.chats(), () -> toGuest(c.value(), depth));
        if (v instanceof List<?> list) {
            if (pages != null && list.size() >= GuestPages.MIN_ITEMS) {
                Value fast = pages.list(list, depth, users, chats);
                if (fast != null) return fast;
            }
            Object[] items = new Object[list.size()];
            for (int i = 0; i < items.length; i++) items[i] = toGuest(list.get(i), depth + 1);
            return mkList.execute(ProxyArray.fromArray(items));
        }
        if (v instanceof byte[] b) return bytes(b);
        if (v instanceof Map<?, ?> m) {
            Value o = mkObj.execute();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                // a handler's info.users/info.chats: the very objects its message's chat and sender are
                Object val = e.getValue() instanceof TlObject t && shared != null
                        ? entity(t)
                        : toGuest(e.getValue(), depth + 1);
                put(o, String.valueOf(e.getKey()), val);
            }
            return o;
        }
        if (v instanceof BigInteger b)
            return lang == ScriptLanguage.JS && b.bitLength() < 53 ? b.longValue() : mkBig.execute(b.toString());
        if (v instanceof Short || v instanceof Byte) return ((Number) v).intValue();
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof Character || v instanceof CharSequence || v instanceof Enum<?>) return v.toString();
        if (v instanceof Value val) return val;
        if (v instanceof ProxyExecutable f) return f; // a host function handed over as is (fetch's body)
        throw new IllegalStateException("cannot give a " + v.getClass().getSimpleName() + " to a script");
    }

    /**
     * JS: a TL object converted when the script first reads it (a Proxy over it, see the prelude's {@code mkLater}): an
     * awaited {@code sendMessage} whose answer is never read costs no conversion. Anything else, and Python, as
     * {@link #toGuest}.
     */
    Object toGuestLater(Object v) {
        if (mkLater == null || !(v instanceof TlObject o) || (messages != null && MessageObjects.isMessage(o)))
            return toGuest(v);
        return mkLater.execute(later(() -> toGuest(o)));
    }

    private Value mkLater;

    void laterFactory(Value f) {
        mkLater = f;
    }

    /**
     * An update handler's arguments: {@code arg} and its {@code info}, converted together, so the users and chats in
     * {@code info} are the very objects the message's {@code chat} and {@code sender} are (each converted once).
     */
    Object[] handlerArguments(InContext arg, Map<String, Object> info) {
        return (Object[]) inContext(arg.users(), arg.chats(), () ->
                new Object[] {toGuest(arg.value(), 0), lang == ScriptLanguage.JS ? lazyInfo(info) : toGuest(info, 0)});
    }

    /**
     * JS: a handler's {@code info} whose {@code users} and {@code chats} are converted when the handler first reads
     * them (most handlers never do, and converting every user and chat of each update was a fifth of a command's round
     * trip); they are still the very objects the message's {@code chat} and {@code sender} are.
     */
    private Value lazyInfo(Map<String, Object> info) {
        List<Object> keys = new ArrayList<>(info.size()), vals = new ArrayList<>(info.size());
        List<Object> lazy = new ArrayList<>(2);
        for (Map.Entry<String, Object> e : info.entrySet()) {
            keys.add(e.getKey());
            if (e.getValue() instanceof Map<?, ?> m
                    && (e.getKey().equals("users") || e.getKey().equals("chats"))) {
                vals.add(later(() -> toGuest(m, 0)));
                lazy.add(true);
            } else {
                vals.add(toGuest(e.getValue(), 1));
                lazy.add(false);
            }
        }
        return mkInfo.execute(ProxyArray.fromList(keys), ProxyArray.fromList(vals), ProxyArray.fromList(lazy));
    }

    private Value mkInfo;

    /** JS: the prelude's {@code mkInfo(keys, vals, lazy)} (see {@link #lazyInfo}). */
    void infoFactory(Value f) {
        mkInfo = f;
    }

    /**
     * A function the script calls (once) for a value converted only then, within the users, chats and shared entities
     * of the update or result being converted now (so it gives the same objects as converting it now would).
     */
    ProxyExecutable later(Supplier<Object> convert) {
        Map<Long, TlObject> u = users, c = chats;
        IdentityHashMap<TlObject, Object> s = shared;
        return a -> within(u, c, s, convert);
    }

    private Object inContext(Map<Long, TlObject> u, Map<Long, TlObject> c, Supplier<Object> convert) {
        return within(u, c, new IdentityHashMap<>(), convert);
    }

    private Object within(
            Map<Long, TlObject> u,
            Map<Long, TlObject> c,
            IdentityHashMap<TlObject, Object> s,
            Supplier<Object> convert) {
        Map<Long, TlObject> oldUsers = users, oldChats = chats;
        IdentityHashMap<TlObject, Object> oldShared = shared;
        users = u;
        chats = c;
        shared = s;
        try {
            return convert.get();
        } finally {
            users = oldUsers;
            chats = oldChats;
            shared = oldShared;
        }
    }

    boolean isJs() {
        return lang == ScriptLanguage.JS;
    }

    private Value object(TlObject o, int depth) {
        if (o.constructor().param("users") != null
                && o.constructor().param("chats") != null
                && o.get("users") instanceof List<?> u
                && o.get("chats") instanceof List<?> c
                && (!u.isEmpty() || !c.isEmpty())) {
            return (Value) inContext(InContext.byId(u), InContext.byId(c), () -> fill(o, depth, mkObj.execute()));
        }
        Value out = messages != null && MessageObjects.isMessage(o) ? messages.make(o, users, chats) : mkObj.execute();
        return fill(o, depth, out);
    }

    /**
     * A user or chat a message names, as the script sees it: converted once per update or page, so the messages of a
     * page share their chat and sender objects instead of converting them for each message.
     */
    Object entity(TlObject o) {
        if (shared == null) return toGuest(o);
        Object v = shared.get(o);
        if (v == null) {
            v = object(o, 0);
            shared.put(o, v);
        }
        return v;
    }

    /** The entities converted within the current update or page (see {@link #entity}); null outside one. */
    private IdentityHashMap<TlObject, Object> shared;

    private Value fill(TlObject o, int depth, Value out) {
        if (mkFill != null) return fillAtOnce(o, depth, out);
        put(out, "_", o.name());
        for (TlParam p : o.constructor().params()) {
            int kind = p.type.kind;
            if (kind == TlType.FLAGS) continue;
            Object v = o.valueAt(p.index);
            if (kind == TlType.TRUE) put(out, p.name, v != null && (Boolean) v);
            else if (v != null) put(out, p.name, toGuest(v, depth + 1));
        }
        return out;
    }

    /** As {@link #fill}, with one guest call: the keys come from the constructor's plan, absent fields are null. */
    private Value fillAtOnce(TlObject o, int depth, Value out) {
        Plan plan = plans.get(o.constructor());
        if (plan == null) {
            List<Object> names = new ArrayList<>();
            List<TlParam> params = new ArrayList<>();
            names.add("_");
            for (TlParam p : o.constructor().params()) {
                if (p.type.kind == TlType.FLAGS) continue;
                names.add(p.name);
                params.add(p);
            }
            int[] index = new int[params.size()];
            boolean[] isTrue = new boolean[params.size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = params.get(i).index;
                isTrue[i] = params.get(i).type.kind == TlType.TRUE;
            }
            plan = new Plan(mkList.execute(ProxyArray.fromList(names)), index, isTrue);
            plans.put(o.constructor(), plan);
        }
        int[] index = plan.index();
        Object[] vals = new Object[index.length + 1];
        vals[0] = o.name();
        for (int i = 0; i < index.length; i++) {
            Object v = o.valueAt(index[i]);
            if (plan.isTrue()[i]) vals[i + 1] = v != null && (Boolean) v;
            else if (v != null) vals[i + 1] = toGuest(v, depth + 1);
        }
        return mkFill.execute(out, plan.keys(), ProxyArray.fromArray(vals));
    }

    private void put(Value obj, String key, Object v) {
        if (lang == ScriptLanguage.JS) obj.putMember(key, v);
        else obj.putHashEntry(key, v);
    }

    private Value bytes(byte[] b) {
        Object[] ints = new Object[b.length];
        for (int i = 0; i < b.length; i++) ints[i] = b[i] & 0xff;
        return mkBytes.execute(ProxyArray.fromArray(ints));
    }

    // ---- script → Java ----

    /** Parameters of a call: a JS object, a Python dict, or nothing. */
    Map<String, Object> params(String method, Value v) {
        if (v == null || v.isNull()) return Map.of();
        Object o = toJava(v, method + ": parameters", 0);
        if (o instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        throw new IllegalArgumentException(
                method + ": parameters must be an object like {limit: 10}, got " + describe(v));
    }

    Object toJava(Value v, String where) {
        return toJava(v, where, 0);
    }

    private Object toJava(Value v, String where, int depth) {
        if (v == null || v.isNull()) return null;
        if (depth > MAX_DEPTH) throw new IllegalArgumentException(where + ": nested deeper than " + MAX_DEPTH);
        if (v.isBoolean()) return v.asBoolean();
        if (v.isString()) return v.asString();
        if (v.isNumber()) return number(v, where);
        if (v.isProxyObject() || v.isHostObject())
            throw new IllegalArgumentException(where + ": unsupported value " + describe(v));
        if (v.hasBufferElements()) {
            byte[] b = new byte[(int) v.getBufferSize()];
            v.readBuffer(0, b, 0, b.length);
            return b;
        }
        if (lang == ScriptLanguage.JS && v.hasArrayElements() && isByteArray(v)) {
            byte[] b = new byte[(int) v.getArraySize()];
            for (int i = 0; i < b.length; i++)
                b[i] = (byte) v.getArrayElement(i).asInt();
            return b;
        }
        if (v.hasArrayElements()) {
            long n = v.getArraySize();
            List<Object> out = new ArrayList<>((int) Math.min(n, 1 << 16));
            for (long i = 0; i < n; i++) {
                Object e = toJava(v.getArrayElement(i), where + "[" + i + "]", depth + 1);
                out.add(e);
            }
            return out;
        }
        if (v.hasHashEntries()) {
            Map<String, Object> out = new LinkedHashMap<>();
            Value it = v.getHashKeysIterator();
            while (it.hasIteratorNextElement()) {
                Value k = it.getIteratorNextElement();
                String key = k.isString() ? k.asString() : k.toString();
                Object e = toJava(v.getHashValue(k), sub(where, key), depth + 1);
                if (e != null) out.put(key, e);
            }
            return out;
        }
        if (lang == ScriptLanguage.JS && v.hasMembers() && !v.canExecute()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String key : v.getMemberKeys()) {
                Object e = toJava(v.getMember(key), sub(where, key), depth + 1);
                if (e != null) out.put(key, e);
            }
            return out;
        }
        throw new IllegalArgumentException(where + ": unsupported value " + describe(v));
    }

    private static String sub(String where, String key) {
        return where.endsWith(": parameters")
                ? where.substring(0, where.length() - ": parameters".length()) + ": parameter '" + key + "'"
                : where + "." + key;
    }

    private Object number(Value v, String where) {
        if (v.fitsInInt()) return v.asInt();
        if (v.fitsInLong()) {
            long l = v.asLong();
            if (l <= MAX_SAFE && l >= -MAX_SAFE) return l;
            // A JS Number this large is already rounded: pass it on as a double so the TL engine refuses it
            // for long fields ("not an exact integer"); a BigInt or Python int is exact.
            if (lang == ScriptLanguage.JS && !"bigint".equals(v.getMetaObject().getMetaSimpleName()))
                return v.asDouble();
            return l;
        }
        if (v.fitsInBigInteger()
                && (lang == ScriptLanguage.PYTHON
                        || "bigint".equals(v.getMetaObject().getMetaSimpleName()))) return v.asBigInteger();
        if (v.fitsInDouble()) return v.asDouble();
        throw new IllegalArgumentException(where + ": unsupported number " + v);
    }

    private static boolean isByteArray(Value v) {
        Value meta = v.getMetaObject();
        if (meta == null) return false;
        String n = meta.getMetaSimpleName();
        return "Uint8Array".equals(n) || "Int8Array".equals(n) || "Uint8ClampedArray".equals(n);
    }

    /** The second argument of an update handler: the event name, the update's name, its users and chats. */
    static Map<String, Object> eventInfo(UpdateEvent ev) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", ev.event());
        m.put("name", ev.name());
        m.put("users", ev.users() == null ? Map.of() : ev.users());
        m.put("chats", ev.chats() == null ? Map.of() : ev.chats());
        return m;
    }

    /** off(id) for a handler or an every/cron registration; off(fn) for every handler registered with fn. */

    /** A function's own name (JS {@code name}, Python {@code __name__}), or null. */
    static String functionName(Value fn) {
        for (String member : new String[] {"name", "__name__"}) {
            try {
                Value n = fn.getMember(member);
                if (n != null && n.isString() && !n.asString().isEmpty()) return n.asString();
            } catch (RuntimeException ignored) {
                // not readable: unnamed
            }
        }
        return null;
    }

    static String describe(Value v) {
        try {
            Value meta = v.getMetaObject();
            String type = meta == null ? "value" : meta.getMetaSimpleName();
            String s = v.toString();
            return type + " " + (s.length() > 40 ? s.substring(0, 37) + "..." : s);
        } catch (RuntimeException e) {
            return "value";
        }
    }
}
