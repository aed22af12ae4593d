package io.scriptgram.sandbox;

import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlDefaults;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way the sandbox builds reply objects: fields the handler set, minus the ones this schema's constructor does
 * not have (a client of another layer), and every required field left unset filled with its zero value
 * ({@link TlDefaults}), so any client can parse the reply.
 */
public final class Replies {
    private Replies() {}

    public static TlObject of(TlSchema schema, String name, Map<String, ?> fields) {
        TlConstructor c = schema.require(name);
        boolean allKept = true; // the common case: no copy of the fields per reply
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (e.getValue() == null || c.param(e.getKey()) == null) {
                allKept = false;
                break;
            }
        }
        if (allKept) return TlDefaults.build(schema, name, fields);
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (e.getValue() != null && c.param(e.getKey()) != null) kept.put(e.getKey(), e.getValue());
        }
        return TlDefaults.build(schema, name, kept);
    }

    /** A constructor with no fields set (or all zero). */
    public static TlObject of(TlSchema schema, String name) {
        return of(schema, name, Map.of());
    }

    /** Field map from alternating names and values; null values are left out (absent optional fields). */
    public static Map<String, Object> fields(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("fields(): odd number of arguments");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }
}
