package io.scriptgram.script;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * JS only: a list of TL objects (a page of history, a result's {@code messages}) handed to the script in one guest
 * call. Built field by field, each object cost a guest call and one interop read per field; parsed from keyed JSON,
 * each key was a string looked up in the engine's shape tree and each message changed its prototype afterwards. Here
 * the list becomes one JSON text of values only: each object is an array {@code [builder, values...]} holding the
 * values of its present fields and of every object nested in it, depth first. A builder is a guest function made once
 * per context and <em>shape</em> (the constructor, the fields present, and the same for each nested object): one object
 * literal that puts every key in place, nested objects inline, with the message prototype for messages. In the
 * interpreter that costs about a third of parsing keyed JSON.
 *
 * <p>Messages get their prototype from the prelude's {@code mkPage}: the message methods, with {@code chat},
 * {@code sender} and {@code chat_id} as non-enumerable values, one prototype per chat and sender kept across pages, so
 * the messages of every page have the shapes the engine made for the first. The chat and sender are converted when a
 * message of the page first reads them (one object each per page, as before).
 *
 * <p>The values are exactly those of {@link Values#toGuest} (keys in the same order, absent fields left out, true-flags
 * as true/false): an item holding something JSON cannot say (bytes, a long beyond 2^53, a nested message or result with
 * users and chats, a non-finite double) is converted the old way and put in its place.
 */
final class GuestPages {
    private static final JsonFactory JSON = new JsonFactory();
    /** Fewer items than this go the old way: one JSON text per object would cost more than it saves. */
    static final int MIN_ITEMS = 2;
    /** Past this many builders in a context the items of new shapes go the old way. */
    static final int MAX_BUILDERS = 4096;

    private final Values values;
    private final MessageObjects messages;
    private final Value mkPage;
    /** Builder index by shape (see {@link #shape}). */
    private final Map<String, Integer> builders = new HashMap<>();
    /** The sources of builders the guest has not made yet (sent with the next page), from index {@link #sent}. */
    private final List<Object> unsent = new ArrayList<>();

    private int sent;

    GuestPages(Values values, MessageObjects messages, Value mkPage) {
        this.values = values;
        this.messages = messages;
        this.mkPage = mkPage;
    }

    /**
     * The guest array for {@code list}, or null when it is not a list of TL objects (then the caller converts it item
     * by item). {@code users}/{@code chats}: where its messages' chat and sender come from.
     */
    Value list(List<?> list, int depth, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
        int n = list.size();
        for (int i = 0; i < n; i++) if (!(list.get(i) instanceof TlObject)) return null;
        StringWriter out = new StringWriter(n * 128);
        List<Object> parts = new ArrayList<>(); // key, chat, sender, chat_id per distinct message prototype
        List<Object> others = new ArrayList<>(); // index, value for the items converted the old way
        int[] proto = new int[n];
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("m");
            for (int i = 0; i < n; i++) {
                TlObject o = (TlObject) list.get(i);
                int builder = fields(o, depth + 1) ? builder(o, true) : -1;
                if (builder < 0) {
                    g.writeNull();
                    others.add(i);
                    others.add(values.toGuest(o, depth + 1));
                    proto[i] = -1;
                    continue;
                }
                object(g, builder, o);
                proto[i] = MessageObjects.isMessage(o) ? protoIndex(parts, messages.parts(o, users, chats)) : -1;
            }
            g.writeEndArray();
            g.writeArrayFieldStart("p");
            for (int p : proto) g.writeNumber(p);
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        Value page = mkPage.execute(
                out.toString(),
                ProxyArray.fromList(parts),
                ProxyArray.fromList(others),
                sent,
                ProxyArray.fromList(unsent));
        sent += unsent.size(); // only once the guest has them: a failed page sends them again
        unsent.clear();
        return page;
    }

    /** The index of the prototype for this key (chat and sender), adding it when the page has none yet. */
    private static int protoIndex(List<Object> parts, Object[] p) {
        Object key = p[3];
        for (int k = 0; k < parts.size(); k += 4) if (parts.get(k).equals(key)) return k / 4;
        parts.add(key);
        parts.add(p[0]);
        parts.add(p[1]);
        parts.add(p[2]);
        return parts.size() / 4 - 1;
    }

    /** Whether every field of {@code o} (at {@code depth}) says the same in JSON as {@link Values#toGuest} would. */
    private static boolean fields(TlObject o, int depth) {
        if (depth > Values.MAX_DEPTH) return false;
        if (o.constructor().param("users") != null && o.constructor().param("chats") != null) return false;
        for (TlParam p : o.constructor().params()) {
            int kind = p.type.kind;
            if (kind == TlType.FLAGS || kind == TlType.TRUE) continue;
            if (!plain(o.valueAt(p.index), depth + 1)) return false;
        }
        return true;
    }

    private static boolean plain(Object v, int depth) {
        if (v == null || v instanceof Boolean || v instanceof String || v instanceof Integer) return true;
        if (v instanceof Long l) return l <= Values.MAX_SAFE && l >= -Values.MAX_SAFE;
        if (v instanceof Double d) return Double.isFinite(d);
        if (v instanceof TlObject t) return !MessageObjects.isMessage(t) && fields(t, depth);
        if (v instanceof List<?> list) {
            if (depth > Values.MAX_DEPTH) return false;
            for (Object e : list) if (!plain(e, depth + 1)) return false;
            return true;
        }
        return false;
    }

    /** {@code [builder, values...]} for {@code o}. */
    private void object(JsonGenerator g, int builder, TlObject o) throws IOException {
        g.writeStartArray();
        g.writeNumber(builder);
        values(g, o);
        g.writeEndArray();
    }

    /**
     * The values of {@code o}'s present fields in order ({@code true} flags as true/false), a nested object's values in
     * its place, a list as an array of its items.
     */
    private void values(JsonGenerator g, TlObject o) throws IOException {
        for (TlParam p : o.constructor().params()) {
            int kind = p.type.kind;
            if (kind == TlType.FLAGS) continue;
            Object v = o.valueAt(p.index);
            if (kind == TlType.TRUE) g.writeBoolean(v != null && (Boolean) v);
            else if (v instanceof TlObject t) values(g, t);
            else if (v instanceof List<?> list) list(g, list);
            else if (v != null) plain(g, v);
        }
    }

    /** A list's items: plain values, objects as {@code [builder, values...]}, lists as {@code {"l": [...]}}. */
    private void list(JsonGenerator g, List<?> list) throws IOException {
        g.writeStartArray();
        for (Object e : list) {
            if (e instanceof TlObject t) {
                object(g, builder(t, false), t); // checked with its list, so past the cap too
            } else if (e instanceof List<?> inner) {
                g.writeStartObject();
                g.writeFieldName("l");
                list(g, inner);
                g.writeEndObject();
            } else {
                plain(g, e);
            }
        }
        g.writeEndArray();
    }

    private static void plain(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case Boolean b -> g.writeBoolean(b);
            case String s -> g.writeString(s);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            default -> throw new IllegalStateException("not checked as plain: " + v.getClass());
        }
    }

    /**
     * The index of the builder for objects shaped like {@code o}, made (sent with this page) when new; -1 for a new
     * shape past {@link #MAX_BUILDERS} when {@code capped} (a list's items are not: their list was checked as a whole).
     */
    private int builder(TlObject o, boolean capped) {
        StringBuilder shape = new StringBuilder(64);
        shape(shape, o);
        String key = shape.toString();
        Integer known = builders.get(key);
        if (known != null) return known;
        if (capped && builders.size() >= MAX_BUILDERS) return -1;
        int index = builders.size();
        builders.put(key, index);
        StringBuilder js = new StringBuilder("return ");
        source(js, o, new int[] {1}, MessageObjects.isMessage(o));
        unsent.add(js.append(';').toString());
        return index;
    }

    /** The constructor, and per field: absent, plain, list, or the nested object's shape. */
    private static void shape(StringBuilder out, TlObject o) {
        out.append(Integer.toHexString(o.constructor().id())).append('{');
        for (TlParam p : o.constructor().params()) {
            int kind = p.type.kind;
            if (kind == TlType.FLAGS) continue;
            Object v = o.valueAt(p.index);
            if (kind == TlType.TRUE) out.append('t');
            else if (v == null) out.append('-');
            else if (v instanceof TlObject t) shape(out, t);
            else if (v instanceof List<?>) out.append('l');
            else out.append('p');
        }
        out.append('}');
    }

    /**
     * The object literal for {@code o}'s shape, reading its values from {@code a[at...]} in the order {@link #values}
     * writes them: {@code P} the message prototype (messages only), {@code L} builds a list (see the prelude's
     * {@code mkPage}).
     */
    private static void source(StringBuilder js, TlObject o, int[] at, boolean message) {
        js.append('{');
        if (message) js.append("__proto__: P, ");
        js.append("\"_\": ").append(quote(o.name()));
        for (TlParam p : o.constructor().params()) {
            int kind = p.type.kind;
            if (kind == TlType.FLAGS) continue;
            Object v = o.valueAt(p.index);
            if (kind != TlType.TRUE && v == null) continue;
            js.append(", ").append(quote(p.name)).append(": ");
            if (kind != TlType.TRUE && v instanceof TlObject t) source(js, t, at, false);
            else if (kind != TlType.TRUE && v instanceof List<?>)
                js.append("L(a[").append(at[0]++).append("])");
            else js.append("a[").append(at[0]++).append(']');
        }
        js.append('}');
    }

    /** A JS string literal for a TL name (letters, digits and underscores; quoted all the same). */
    private static String quote(String name) {
        StringBuilder q = new StringBuilder("\"");
        for (char ch : name.toCharArray()) {
            if (ch == '"' || ch == '\\') q.append('\\');
            q.append(ch);
        }
        return q.append('"').toString();
    }
}
