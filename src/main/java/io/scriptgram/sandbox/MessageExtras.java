package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a message carries beyond {@link SandboxMessage}, shared by its copies in every box (keyed by its global id):
 * entities exactly as sent, the message it answers, the time of its last edit, an inline keyboard, reactions, and
 * whether it is pinned. Callers hold the world's lock.
 */
final class MessageExtras {
    /** One message's extras; {@code replyToGlobal} 0: answers none. */
    static final class Extras {
        List<Object> entities;
        long replyToGlobal;
        int editDate;
        TlObject replyMarkup;
        boolean pinned;
        long fwdFromId;
        int fwdDate;
        final Map<Long, String> reactions = new LinkedHashMap<>();
    }

    private final Map<Long, Extras> byGlobal = new HashMap<>();

    /** The extras of a message, made on first use. */
    Extras of(long globalId) {
        return byGlobal.computeIfAbsent(globalId, g -> new Extras());
    }

    /** The extras of a message, or null when it has none. */
    Extras find(long globalId) {
        return byGlobal.get(globalId);
    }
}
