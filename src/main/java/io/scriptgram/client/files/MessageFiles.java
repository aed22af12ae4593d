package io.scriptgram.client.files;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.Peers;
import io.scriptgram.tl.TlObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The files of messages: the document a message carries, a message fetched again by id, and fresh file references
 * (Telegram's expire; fetching the message again renews them).
 */
public final class MessageFiles {
    private MessageFiles() {}

    /** The document of a message, of a messageMediaDocument, or a document itself; else a clear refusal. */
    public static TlObject document(TlObject o) {
        TlObject d = o;
        if (d != null && d.name().equals("message") && d.has("media")) d = d.getObject("media");
        if (d != null && d.name().equals("messageMediaDocument") && d.has("document")) d = d.getObject("document");
        if (d == null || !d.name().equals("document")) {
            String what =
                    o == null ? "nothing" : o.name().equals("message") ? "a message without a document" : o.name();
            throw new FileTransferException(
                    "expected a document, a messageMediaDocument or a message with one, got " + what);
        }
        return d;
    }

    /**
     * Message {@code id} again: from a channel's own box ({@code inputChannel} given), or the account's, which holds
     * every private chat and basic group. Completes with null when there is none.
     */
    public static CompletableFuture<TlObject> message(ApiInvoker api, TlObject inputChannel, int id) {
        TlObject in = TlObject.of(api.schema(), "inputMessageID", Map.of("id", id));
        CompletableFuture<Object> r = inputChannel != null
                ? api.invoke("channels.getMessages", Map.of("channel", inputChannel, "id", List.of(in)))
                : api.invoke("messages.getMessages", Map.of("id", List.of(in)));
        return r.thenApply(x -> {
            List<Object> found = ((TlObject) x).getList("messages");
            TlObject m = found.isEmpty() ? null : (TlObject) found.get(0);
            return m == null || m.name().equals("messageEmpty") ? null : m;
        });
    }

    /**
     * Fresh file references for the document of {@code message}: it is fetched again (a channel's access hash comes
     * from {@code peers}' cache).
     */
    public static Supplier<CompletableFuture<byte[]>> freshReference(ApiInvoker api, Peers peers, TlObject message) {
        long docId = document(message).getLong("id");
        int id = message.getInt("id");
        TlObject peer = message.getObject("peer_id");
        return () -> {
            TlObject channel = null;
            if (peer.name().equals("peerChannel")) {
                channel = peers.inputChannel(peer.getLong("channel_id"));
                if (channel == null) {
                    return CompletableFuture.failedFuture(
                            new FileTransferException("cannot renew the file reference of message " + id + ": channel "
                                    + peer.getLong("channel_id") + " is not in the peer cache"));
                }
            }
            return message(api, channel, id).thenApply(m -> {
                TlObject d = m == null ? null : document(m);
                if (d == null || d.getLong("id") != docId) {
                    throw new FileTransferException(
                            "cannot renew the file reference: message " + id + " no longer has document " + docId);
                }
                return d.getBytes("file_reference");
            });
        };
    }

    /**
     * Downloads the document of {@code media} (a message, a messageMediaDocument or a document); given a message, an
     * expired file reference is renewed by fetching it again.
     */
    public static CompletableFuture<Path> download(
            Downloader downloader, ApiInvoker api, Peers peers, TlObject media, Path target, Progress progress) {
        try {
            return downloader.download(
                    document(media),
                    target,
                    progress,
                    media.name().equals("message") ? freshReference(api, peers, media) : null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
