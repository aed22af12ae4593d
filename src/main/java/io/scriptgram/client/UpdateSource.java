package io.scriptgram.client;

import java.util.function.Consumer;

/**
 * Where handlers subscribe to updates: by update constructor name ({@code updateNewMessage}), by friendly event name
 * ({@code message}, {@code edit}, {@code delete}, {@code read}), or {@code *} for everything. Handlers are called on
 * the updates thread in order; they must hand slow work off.
 */
public interface UpdateSource {
    /** Subscribes; closing the returned handle unsubscribes. */
    AutoCloseable subscribe(String nameOrEvent, Consumer<UpdateEvent> handler);
}
