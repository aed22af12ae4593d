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
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * JS only: a list of TL objects (a page of history, a result's {@code messages}) handed to the script in one guest
 * call. Built field by field, each object cost a guest call and one interop read per field, which in the interpreter
 * was most of what {@code history()} spent per message. Here the list becomes one JSON text that the engine's own
 * {@code JSON.parse} turns into objects, and the prelude's {@code mkPage} gives each message its prototype (the message
 * methods, with {@code chat}, {@code sender} and {@code chat_id} shared by every message of the page with the same
 * ones).
 *
 * <p>The values are exactly those of {@link Values#toGuest}: an item holding something JSON cannot say (bytes, a long
 * beyond 2^53, a nested message or result with users and chats, a non-finite double) is converted the old way and put
 * in its place.
 */
final class GuestPages {
    private static final JsonFactory JSON = new JsonFactory();
    /** Fewer items than this go the old way: one JSON text per object would cost more than it saves. */
    static final int MIN_ITEMS = 2;

    private final Values values;
    private final MessageObjects messages;
    private final Value mkPage;

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
        StringWriter out = new StringWriter(n * 256);
        List<Object> parts = new ArrayList<>(); // chat, sender, chat_id per distinct message prototype
        List<Object> others = new ArrayList<>(); // index, value for the items converted the old way
        int[] proto = new int[n];
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("m");
            for (int i = 0; i < n; i++) {
                TlObject o = (TlObject) list.get(i);
                boolean message = MessageObjects.isMessage(o);
                if (!fields(o, depth + 1)) {
                    g.writeNull();
                    others.add(i);
                    others.add(values.toGuest(o, depth + 1));
                    proto[i] = -1;
                    continue;
                }
                write(g, o);
                proto[i] = message ? protoIndex(parts, messages.parts(o, users, chats)) : -1;
            }
            g.writeEndArray();
            g.writeArrayFieldStart("p");
            for (int p : proto) g.writeNumber(p);
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return mkPage.execute(out.toString(), ProxyArray.fromList(parts), ProxyArray.fromList(others));
    }

    /** The index of the prototype for these chat, sender and chat_id, adding it when the page has none yet. */
    private static int protoIndex(List<Object> parts, Object[] p) {
        for (int k = 0; k < parts.size(); k += 3)
            if (parts.get(k) == p[0]
                    && parts.get(k + 1) == p[1]
                    && parts.get(k + 2).equals(p[2])) return k / 3;
        parts.add(p[0]);
        parts.add(p[1]);
        parts.add(p[2]);
        return parts.size() / 3 - 1;
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

    /** {@code _} first, then the fields in order: absent ones left out, {@code true} flags as true/false. */
    private static void write(JsonGenerator g, TlObject o) throws IOException {
        g.writeStartObject();
        g.writeStringField("_", o.name());
        for (TlParam p : o.constructor().params()) {
            int kind = p.type.kind;
            if (kind == TlType.FLAGS) continue;
            Object v = o.valueAt(p.index);
            if (kind == TlType.TRUE) {
                g.writeBooleanField(p.name, v != null && (Boolean) v);
            } else if (v != null) {
                g.writeFieldName(p.name);
                value(g, v);
            }
        }
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case Boolean b -> g.writeBoolean(b);
            case String s -> g.writeString(s);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case TlObject t -> write(g, t);
            case List<?> list -> {
                g.writeStartArray();
                for (Object e : list) value(g, e);
                g.writeEndArray();
            }
            default -> throw new IllegalStateException("not checked as plain: " + v.getClass());
        }
    }
}
