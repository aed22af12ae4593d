package io.scriptgram.client;

import io.scriptgram.tl.TlConstructor;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one rule for parameters a call may leave out although the schema requires them, because their zero means "from
 * the start", "no bound" or "nothing cached" (core.telegram.org/api/offsets):
 *
 * <ul>
 *   <li>int/long named {@code hash}, {@code offset}, {@code add_offset}, {@code max_id}, {@code min_id},
 *       {@code max_date}, {@code min_date}, or starting with {@code offset_} → 0;
 *   <li>a string named {@code offset} or starting with {@code offset_} → "";
 *   <li>an InputPeer starting with {@code offset_} ({@code offset_peer}) → inputPeerEmpty;
 *   <li>a MessagesFilter named {@code filter} → inputMessagesFilterEmpty (no filter).
 * </ul>
 *
 * {@code random_id} is not neutral but the client fills it ({@link RpcClient#takesRandomId}). Every other required
 * parameter must be given; a call missing some is refused with all of them named at once.
 */
public final class NeutralParams {
    private static final Set<String> NUMBERS =
            Set.of("hash", "offset", "add_offset", "max_id", "min_id", "max_date", "min_date");

    private NeutralParams() {}

    /** True when {@code p} is a required parameter that takes its neutral value when left out. */
    public static boolean isNeutral(TlParam p) {
        if (p.optional() || p.type.kind == TlType.FLAGS) return false;
        boolean offset = p.name.equals("offset") || p.name.startsWith("offset_");
        return switch (p.type.kind) {
            case TlType.INT, TlType.LONG -> offset || NUMBERS.contains(p.name);
            case TlType.STRING -> offset;
            case TlType.BOXED ->
                offset && p.type.text.equals("InputPeer")
                        || p.name.equals("filter") && p.type.text.equals("MessagesFilter");
            default -> false;
        };
    }

    /** The neutral value of a parameter {@link #isNeutral} accepts. */
    public static Object neutral(TlSchema schema, TlParam p) {
        return switch (p.type.kind) {
            case TlType.INT -> 0;
            case TlType.LONG -> 0L;
            case TlType.STRING -> "";
            default ->
                TlObject.of(
                        schema,
                        p.type.text.equals("MessagesFilter") ? "inputMessagesFilterEmpty" : "inputPeerEmpty",
                        Map.of());
        };
    }

    /**
     * {@code params} with the neutral parameters that were left out filled in. Throws {@link TlException} naming every
     * other required parameter that is missing, with its type: {@code messages.sendMessage: missing peer (InputPeer),
     * message (string)}.
     */
    public static Map<String, ?> complete(TlSchema schema, TlConstructor method, Map<String, ?> params) {
        Map<String, Object> out = null;
        List<String> missing = new ArrayList<>();
        for (TlParam p : method.params()) {
            if (p.optional() || p.type.kind == TlType.FLAGS || params.get(p.name) != null) continue;
            if (isNeutral(p)) {
                if (out == null) out = new LinkedHashMap<>(params);
                out.put(p.name, neutral(schema, p));
            } else if (!(p.name.equals("random_id") && RpcClient.takesRandomId(method))) {
                missing.add(p.name + " (" + p.type.text + ")");
            }
        }
        if (!missing.isEmpty()) throw new TlException(method.name() + ": missing " + String.join(", ", missing));
        return out == null ? params : out;
    }
}
