package io.scriptgram.client;

import io.scriptgram.client.updates.UpdatePosition;
import io.scriptgram.store.HandledMark;
import io.scriptgram.tl.TlObject;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One update as handlers receive it, in order and exactly once: the update itself (short forms already expanded to full
 * ones, e.g. updateShortMessage → updateNewMessage), the friendly event name it counts as ({@code message},
 * {@code edit}, {@code delete}, {@code read}; null when none), and the users and chats it refers to, by id.
 * {@code holder} backs {@link #hold()}; null where nothing is persisted (tests).
 */
public record UpdateEvent(
        TlObject update,
        String event,
        Map<Long, TlObject> users,
        Map<Long, TlObject> chats,
        Supplier<AutoCloseable> holder) {
    public UpdateEvent(TlObject update, String event, Map<Long, TlObject> users, Map<Long, TlObject> chats) {
        this(update, event, users, chats, null);
    }

    /** The update's constructor name, e.g. {@code updateNewMessage}. */
    public String name() {
        return update.name();
    }

    /** Where the update stands in its sequence ({@link UpdatePosition}); null for one outside any. */
    public HandledMark position() {
        return UpdatePosition.of(update);
    }

    /**
     * For a handler that finishes its work after it returns (on another thread): until the handle is closed, the
     * engine's stored state does not pass this update, so a crash before then brings it again. Close it once the work
     * is done, or dropped; closing twice is harmless.
     */
    public AutoCloseable hold() {
        return holder == null ? () -> {} : holder.get();
    }
}
