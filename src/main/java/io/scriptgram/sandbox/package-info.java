/**
 * The sandbox: an offline Telegram. This part is the in-memory world and its API handlers, in terms of TL objects only
 * (no sockets, no MTProto); the server layer feeds it decrypted requests and sends back what it answers.
 *
 * <p>What the server glue calls:
 *
 * <ul>
 *   <li>{@link io.scriptgram.sandbox.WorldLoader#loadDefault} / {@link io.scriptgram.sandbox.WorldLoader#load} (the
 *       {@code --world FILE} text) → {@link io.scriptgram.sandbox.World}; then
 *       {@link io.scriptgram.sandbox.World#setDcAddress} once each DC's port is bound, and
 *       {@link io.scriptgram.sandbox.World#setLoginCode} for {@code --code}.
 *   <li>{@link io.scriptgram.sandbox.Faults#parse} for the fault options; the server itself honours
 *       {@code dropAfterMessages}, {@code replyDelay}, {@code takeBadServerSalt}, {@code restartAfterMessages}.
 *   <li>{@link io.scriptgram.sandbox.Handlers#standard}, then per session (auth key) one
 *       {@link io.scriptgram.sandbox.CallContext} (schema, DC, {@link io.scriptgram.sandbox.UpdateSink}), and per
 *       request {@link io.scriptgram.sandbox.Handlers#call}: the result (TlObject, List for vectors, Boolean for Bool),
 *       serialized with {@link io.scriptgram.sandbox.Handlers#encodeResult}, or a
 *       {@link io.scriptgram.sandbox.SandboxRpcError} to send as rpc_error. Wrappers such as invokeWithLayer /
 *       initConnection are unwrapped by {@code call}.
 *   <li>Layers: the handlers and the world always work in the world's schema (the bundled layer);
 *       {@link io.scriptgram.sandbox.SandboxServer#alsoSpeak} adds older or newer ones. Each session speaks the layer
 *       its client names in invokeWithLayer ({@link io.scriptgram.sandbox.Layers#pick}); its requests are decoded in
 *       that layer and rewritten into the world's, and replies and updates are rewritten back ({@code LayerConverter}),
 *       or fail with 500 INTERNAL and a log line naming what that layer lacks.
 *   <li>{@link io.scriptgram.sandbox.UpdateSink#push}: push the Updates to every session of the user except
 *       {@code origin}.
 *   <li>{@link io.scriptgram.sandbox.Chatter#tick} from the server's timer, when chatter is on.
 * </ul>
 */
package io.scriptgram.sandbox;
