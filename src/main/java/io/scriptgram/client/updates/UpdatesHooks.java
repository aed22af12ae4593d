package io.scriptgram.client.updates;

import io.scriptgram.tl.TlObject;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * What the engine needs from the rest of the client.
 *
 * @param entities every user and chat seen in updates and differences, called on the updates thread before the handlers
 *     of the updates that carried them (the peer cache)
 * @param selfId the logged-in user's id (0 while unknown); needed to expand outgoing short messages
 * @param inputChannel an {@code inputChannel} for a channel id when the engine has not seen the channel's access hash
 *     in this run (from the peer cache), or null
 */
public record UpdatesHooks(
        Consumer<List<TlObject>> entities, LongSupplier selfId, LongFunction<TlObject> inputChannel) {
    public UpdatesHooks {
        if (entities == null) entities = l -> {};
        if (selfId == null) selfId = () -> 0;
        if (inputChannel == null) inputChannel = id -> null;
    }

    public static UpdatesHooks none() {
        return new UpdatesHooks(null, null, null);
    }

    public UpdatesHooks withEntities(Consumer<List<TlObject>> c) {
        return new UpdatesHooks(c, selfId, inputChannel);
    }

    public UpdatesHooks withSelfId(LongSupplier s) {
        return new UpdatesHooks(entities, s, inputChannel);
    }

    public UpdatesHooks withInputChannel(LongFunction<TlObject> f) {
        return new UpdatesHooks(entities, selfId, f);
    }
}
