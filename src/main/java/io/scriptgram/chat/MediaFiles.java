package io.scriptgram.chat;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.Peers;
import io.scriptgram.client.files.ChunkReader;
import io.scriptgram.client.files.Downloader;
import io.scriptgram.client.files.FileLocation;
import io.scriptgram.client.files.FileRpc;
import io.scriptgram.client.files.FileTransferException;
import io.scriptgram.client.files.MessageFiles;
import io.scriptgram.client.files.Progress;
import io.scriptgram.client.files.TransferOptions;
import io.scriptgram.client.files.Uploader;
import io.scriptgram.tl.TlObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Media for scripts, the same from either language: download any file a message, photo, document or peer has (a size of
 * it, a thumbnail, a profile photo), read one chunk by chunk, and send files as photo, document, video, voice note or
 * audio, or several as an album.
 */
public final class MediaFiles {
    /** Parts of 128 KiB for iterDownload unless told: small enough to stream, large enough to be few calls. */
    public static final int DEFAULT_CHUNK = 128 * 1024;

    private final ApiInvoker api;
    private final FileRpc rpc;
    private final Uploader uploader;
    private final Downloader downloader;
    private final Peers peers;
    private final RandomGenerator random = new SecureRandom();

    public MediaFiles(ApiInvoker api, FileRpc rpc, Uploader uploader, Downloader downloader, Peers peers) {
        this.api = api;
        this.rpc = rpc;
        this.uploader = uploader;
        this.downloader = downloader;
        this.peers = peers;
    }

    /** A file to send: its name, size and a way to open it (called once to read its metadata, once to upload). */
    public record Source(String name, long size, Opener open) {}

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** Downloads the file of {@code x} at {@code size} ("largest", "thumb", a type letter) to {@code target}. */
    public CompletableFuture<Path> download(TlObject x, String size, Path target, Progress progress) {
        FileLocation f;
        try {
            f = FileLocation.of(api.schema(), x, size);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (f.inline() != null) return write(f.inline(), target, progress);
        if (f.size() < 0) {
            // Telegram states no size for profile photos: read them whole (they are small), then write.
            return new ChunkReader(rpc, f, TransferOptions.MIB, 0, 0)
                    .readAll()
                    .thenCompose(b -> write(b, target, progress));
        }
        if (f.document() != null && x.name().equals("message"))
            return MessageFiles.download(downloader, api, peers, x, target, progress);
        return downloader.download(f.location(), f.size(), f.dcId(), target, progress);
    }

    /** A lazy chunk reader over the file of {@code x}; {@code limit <= 0} reads to the end. */
    public ChunkReader chunks(TlObject x, String size, int chunkSize, long offset, long limit) {
        return new ChunkReader(rpc, FileLocation.of(api.schema(), x, size), chunkSize, offset, limit);
    }

    private static CompletableFuture<Path> write(byte[] bytes, Path target, Progress progress) {
        try {
            Files.write(target, bytes);
            progress.update(bytes.length, bytes.length);
            return CompletableFuture.completedFuture(target);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(
                    new FileTransferException("cannot write " + target + ": " + e.getMessage(), e));
        }
    }

    /**
     * Sends {@code files} to {@code peer} (as scripts write peers): one file with messages.sendMedia, several as an
     * album (each uploaded with messages.uploadMedia, then messages.sendMultiMedia, the caption on the first).
     * Completes with the sent message, or the list of them for an album. {@code progress} counts the bytes of all
     * files.
     */
    public CompletableFuture<Object> sendFile(
            Object peer, List<Source> files, Source thumb, SendFileOptions o, Progress progress) {
        if (files.isEmpty()) return CompletableFuture.failedFuture(new IllegalArgumentException("sendFile: no file"));
        if (files.size() > 10)
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("sendFile: an album holds at most 10 files, got " + files.size()));
        long total = 0;
        for (Source s : files) total += s.size();
        long all = total;
        List<Map<String, Object>> media = new ArrayList<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        long[] before = {0};
        for (Source s : files) {
            chain = chain.thenCompose(v -> {
                long base = before[0];
                before[0] += s.size();
                return prepare(s, thumb, o, (done, t) -> progress.update(base + done, all))
                        .thenAccept(media::add);
            });
        }
        if (files.size() == 1) {
            return chain.thenCompose(v -> {
                long randomId = random.nextLong();
                Map<String, Object> p = params(peer, o);
                p.put("media", media.get(0));
                p.put("message", o.caption());
                if (o.captionEntities() != null) p.put("entities", o.captionEntities());
                p.put("random_id", randomId);
                return api.invoke("messages.sendMedia", p)
                        .thenApply(u -> sent(u, List.of(randomId)).get(0));
            });
        }
        return chain.thenCompose(v -> uploaded(peer, media)).thenCompose(refs -> {
            List<Object> items = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < refs.size(); i++) {
                long randomId = random.nextLong();
                ids.add(randomId);
                Map<String, Object> item = MediaChoice.tl(
                        "inputSingleMedia",
                        "media",
                        refs.get(i),
                        "random_id",
                        randomId,
                        "message",
                        i == 0 ? o.caption() : "");
                if (i == 0 && o.captionEntities() != null) item.put("entities", o.captionEntities());
                items.add(item);
            }
            Map<String, Object> p = params(peer, o);
            p.put("multi_media", items);
            return api.invoke("messages.sendMultiMedia", p).thenApply(u -> (Object) sent(u, ids));
        });
    }

    private Map<String, Object> params(Object peer, SendFileOptions o) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("peer", peer);
        if (o.replyTo() != null)
            p.put("reply_to", MediaChoice.tl("inputReplyToMessage", "reply_to_msg_id", o.replyTo()));
        if (o.parseMode() != null) // the caller applies it (ParseModes) before: see SendFileOptions#withCaption
        throw new IllegalStateException("sendFile: parse_mode must be applied to the caption before sending");
        return p;
    }

    /** Reads a file's metadata, uploads it (and the thumbnail), and builds its InputMedia. */
    private CompletableFuture<Map<String, Object>> prepare(Source s, Source thumb, SendFileOptions o, Progress p) {
        MediaInfo info;
        try (InputStream in = s.open().open()) {
            info = MediaInfo.read(in, s.name());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(
                    new FileTransferException("sendFile: cannot read " + s.name() + ": " + e.getMessage(), e));
        }
        String name = o.fileName() != null ? o.fileName() : s.name();
        String kind = MediaChoice.kind(o, info);
        CompletableFuture<TlObject> file = upload(s, name, p);
        CompletableFuture<TlObject> thumbFile = thumb == null || kind.equals("photo")
                ? CompletableFuture.completedFuture(null)
                : file.thenCompose(f -> upload(thumb, thumb.name(), Progress.NONE));
        return file.thenCombine(thumbFile, (f, t) -> MediaChoice.inputMedia(kind, f, t, name, o, info));
    }

    private CompletableFuture<TlObject> upload(Source s, String name, Progress p) {
        try {
            return uploader.upload(s.open().open(), s.size(), name, p);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(
                    new FileTransferException("sendFile: cannot read " + s.name() + ": " + e.getMessage(), e));
        }
    }

    /** Album items uploaded with messages.uploadMedia, as the inputMediaPhoto / inputMediaDocument that name them. */
    private CompletableFuture<List<Object>> uploaded(Object peer, List<Map<String, Object>> media) {
        CompletableFuture<List<Object>> out = CompletableFuture.completedFuture(new ArrayList<>());
        for (Map<String, Object> m : media) {
            out = out.thenCompose(list -> api.invoke("messages.uploadMedia", Map.of("peer", peer, "media", m))
                    .thenApply(r -> {
                        list.add(reference((TlObject) r));
                        return list;
                    }));
        }
        return out;
    }

    private static Object reference(TlObject media) {
        boolean photo = media.name().equals("messageMediaPhoto");
        TlObject o = photo ? media.getObject("photo") : media.getObject("document");
        Map<String, Object> id = MediaChoice.tl(
                photo ? "inputPhoto" : "inputDocument",
                "id",
                o.getLong("id"),
                "access_hash",
                o.getLong("access_hash"),
                "file_reference",
                o.getBytes("file_reference"));
        return MediaChoice.tl(photo ? "inputMediaPhoto" : "inputMediaDocument", "id", id);
    }

    /** The messages an Updates answer carries for {@code randomIds}, in their order. */
    static List<TlObject> sent(Object updates, List<Long> randomIds) {
        Map<Long, Integer> idOf = new LinkedHashMap<>();
        Map<Integer, TlObject> messages = new LinkedHashMap<>();
        List<Object> list = updates instanceof TlObject u && u.has("updates") ? u.getList("updates") : List.of();
        for (Object o : list) {
            TlObject up = (TlObject) o;
            switch (up.name()) {
                case "updateMessageID" -> idOf.put(up.getLong("random_id"), up.getInt("id"));
                case "updateNewMessage", "updateNewChannelMessage", "updateNewScheduledMessage" -> {
                    TlObject m = up.getObject("message");
                    messages.put(m.getInt("id"), m);
                }
                default -> {}
            }
        }
        List<TlObject> out = new ArrayList<>();
        for (long r : randomIds) {
            Integer id = idOf.get(r);
            TlObject m = id == null ? null : messages.get(id);
            if (m == null) throw new FileTransferException("sendFile: the answer did not include the sent message");
            out.add(m);
        }
        return out;
    }
}
