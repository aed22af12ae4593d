package io.scriptgram.sandbox;

import io.scriptgram.tl.TlObject;

/**
 * One API method of the sandbox. Returns the result as the TL engine represents it (a {@link TlObject}, a {@code List}
 * for {@code Vector<…>} results, a {@code Boolean} for {@code Bool}) or throws {@link SandboxRpcError}. Runs with the
 * world's lock held.
 */
@FunctionalInterface
public interface Handler {
    Object handle(CallContext ctx, TlObject request);
}
