package io.scriptgram.tl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schema-directed JSON ⇄ TL: {@code {"_": "contacts.getTopPeers", "correspondents": true, ...}}. bytes are base64,
 * int128/int256 hex, long a JSON number (a decimal string is accepted too). Flags fields are computed, so they are left
 * out of the output and ignored on input.
 */
public final class TlJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private final TlSchema schema;

    public TlJson(TlSchema schema) {
        this.schema = schema;
    }

    // ---- JSON → TL ----

    /** Parses JSON text into an object named by {@code name}, or by its {@code _} key when name is null. */
    public TlObject parse(String name, String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TlException("invalid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
        if (node == null || !node.isObject())
            throw new TlException("expected a JSON object, got "
                    + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
        return toObject(name, node, "");
    }

    public TlObject toObject(String name, JsonNode node, String path) {
        String n = name;
        if (n == null) {
            JsonNode u = node.get("_");
            if (u == null || !u.isTextual())
                throw new TlException(where(path) + "object has no \"_\" naming its constructor");
            n = u.asText();
        }
        TlConstructor c = schema.byName(n);
        if (c == null) throw new TlException(where(path) + "unknown constructor or method '" + n + "'");
        return build(c, node, path);
    }

    private TlObject build(TlConstructor c, JsonNode node, String path) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("_")) continue;
            TlParam p = c.param(key);
            if (p == null || p.type.kind == TlType.FLAGS) {
                if (p != null) continue;
                fields.put(key, Boolean.TRUE); // the builder names the unknown field with the field list
                continue;
            }
            if (e.getValue().isNull()) continue;
            fields.put(key, value(c, p.type, e.getValue(), path.isEmpty() ? key : path + "." + key));
        }
        return TlBuilder.build(schema, c, fields);
    }

    private Object value(TlConstructor c, TlType t, JsonNode v, String path) {
        switch (t.kind) {
            case TlType.INT:
                if (v.isIntegralNumber() && v.canConvertToInt()) return v.intValue();
                throw wrong(c, path, t, v);
            case TlType.LONG:
                if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
                if (v.isTextual()) return v.asText(); // the builder parses and reports it
                throw wrong(c, path, t, v);
            case TlType.DOUBLE:
                if (v.isNumber()) return v.doubleValue();
                throw wrong(c, path, t, v);
            case TlType.STRING:
                if (v.isTextual()) return v.asText();
                throw wrong(c, path, t, v);
            case TlType.BYTES:
                if (v.isTextual()) {
                    try {
                        return Base64.getDecoder().decode(v.asText());
                    } catch (IllegalArgumentException e) {
                        throw new TlException(
                                c.name() + ": field '" + path + "' expects base64 bytes: " + e.getMessage());
                    }
                }
                throw wrong(c, path, t, v);
            case TlType.INT128:
            case TlType.INT256:
                if (v.isTextual()) {
                    try {
                        return HEX.parseHex(v.asText());
                    } catch (IllegalArgumentException e) {
                        throw new TlException(
                                c.name() + ": field '" + path + "' expects " + t.text + " as hex: " + e.getMessage());
                    }
                }
                throw wrong(c, path, t, v);
            case TlType.BOOL:
            case TlType.TRUE:
                if (v.isBoolean()) return v.booleanValue();
                throw wrong(c, path, t, v);
            case TlType.VECTOR: {
                if (!v.isArray()) throw wrong(c, path, t, v);
                List<Object> out = new ArrayList<>(v.size());
                for (int i = 0; i < v.size(); i++) out.add(value(c, t.element, v.get(i), path + "[" + i + "]"));
                return out;
            }
            case TlType.BARE:
                if (!v.isObject()) throw wrong(c, path, t, v);
                return v.has("_") ? toObject((String) null, v, path) : build(t.bare, v, path);
            case TlType.BOXED:
            case TlType.ANY:
                if (!v.isObject()) throw wrong(c, path, t, v);
                return toObject((String) null, v, path);
            default:
                throw new TlException(c.name() + ": field '" + path + "' has unsupported type " + t.text);
        }
    }

    private static TlException wrong(TlConstructor c, String path, TlType t, JsonNode v) {
        String got = v.getNodeType().toString().toLowerCase() + " " + abbreviate(v.toString());
        return new TlException(c.name() + ": field '" + path + "' expects " + t.text + ", got " + got);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    // ---- TL → JSON ----

    public static ObjectNode toJson(TlObject o) {
        ObjectNode n = F.objectNode();
        n.put("_", o.name());
        for (TlParam p : o.constructor().params()) {
            Object v = o.valueAt(p.index);
            if (v == null || p.type.kind == TlType.FLAGS) continue;
            n.set(p.name, toJson(p.type, v));
        }
        return n;
    }

    /** A value of type {@code t} as JSON (for method results such as {@code Vector<long>}). */
    public static JsonNode toJson(TlType t, Object v) {
        return switch (t.kind) {
            case TlType.INT, TlType.FLAGS -> F.numberNode((Integer) v);
            case TlType.LONG -> F.numberNode((Long) v);
            case TlType.DOUBLE -> F.numberNode((Double) v);
            case TlType.STRING -> F.textNode((String) v);
            case TlType.BYTES -> F.textNode(Base64.getEncoder().encodeToString((byte[]) v));
            case TlType.INT128, TlType.INT256 -> F.textNode(HEX.formatHex((byte[]) v));
            case TlType.BOOL, TlType.TRUE -> F.booleanNode((Boolean) v);
            case TlType.VECTOR -> {
                ArrayNode a = F.arrayNode();
                for (Object e : (List<?>) v) a.add(toJson(t.element, e));
                yield a;
            }
            default -> toJson((TlObject) v);
        };
    }

    public static String toJsonString(JsonNode n, boolean pretty) {
        try {
            return (pretty ? PRETTY : MAPPER).writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
