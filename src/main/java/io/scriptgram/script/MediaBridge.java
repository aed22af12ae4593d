package io.scriptgram.script;

import io.scriptgram.chat.MediaFiles;
import io.scriptgram.chat.SendFileOptions;
import io.scriptgram.client.files.ChunkReader;
import io.scriptgram.client.files.FileLocation;
import io.scriptgram.client.files.Progress;
import io.scriptgram.client.files.Uploader;
import io.scriptgram.tl.TlObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Value;

/**
 * The bridge's media members: {@code filesDownload(x, path, opts, progress)}, {@code filesIterOpen(x, opts)} /
 * {@code filesIterNext(id)} / {@code filesIterClose(id)} and {@code sendFile(peer, files, opts, progress)}. The work is
 * {@link MediaFiles}'; here are the script's folder, permissions, and progress delivered on the script's thread.
 */
final class MediaBridge {
    /** Chunk readers open at once per script: a loop left without finishing holds one until the limit recycles it. */
    static final int MAX_OPEN_READERS = 64;

    private final Bridge bridge;
    private final ScriptRuntime rt;
    private final boolean js;
    private final Map<Integer, ChunkReader> readers = new HashMap<>();
    private int nextReader;

    private MediaBridge(Bridge bridge, ScriptRuntime rt) {
        this.bridge = bridge;
        this.rt = rt;
        this.js = rt.spec().language() == ScriptLanguage.JS;
    }

    static void register(Bridge bridge, ScriptRuntime rt) {
        MediaBridge m = new MediaBridge(bridge, rt);
        bridge.member("filesDownload", a -> m.download(a[0], a[1].asString(), arg(a, 2), arg(a, 3)));
        bridge.member("filesIterOpen", a -> m.iterOpen(a[0], arg(a, 1)));
        bridge.member("filesIterNext", a -> m.iterNext(a[0].asInt()));
        bridge.member("filesIterClose", a -> {
            m.readers.remove(a[0].asInt());
            return null;
        });
        bridge.member("sendFile", a -> m.sendFile(a[0], a[1], arg(a, 2), arg(a, 3)));
    }

    private static Value arg(Value[] a, int i) {
        return a.length > i && a[i] != null && !a[i].isNull() ? a[i] : null;
    }

    private MediaFiles media() {
        return rt.host().files().media();
    }

    private Map<String, Object> options(Value opts, String what) {
        if (opts == null) return Map.of();
        Object o = rt.values().toJava(opts, what + ": options");
        if (o instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        throw new IllegalArgumentException(what + ": options must be an object, got " + Values.describe(opts));
    }

    private static String size(Map<String, Object> o, String what) {
        Object s = o.get("size");
        if (s == null) return "largest";
        if (!(s instanceof String str))
            throw new IllegalArgumentException(
                    what + ": size must be \"largest\", \"thumb\" or a type letter such as \"m\", got " + s);
        return str;
    }

    private Object download(Value x, String path, Value opts, Value progress) {
        String what = "files.download";
        Relay relay = new Relay(progress);
        return wait(what, relay, () -> {
            bridge.permit(what, "upload.getFile");
            Map<String, Object> o = options(opts, what);
            for (String k : o.keySet())
                if (!k.equals("size"))
                    throw new IllegalArgumentException(what + ": unknown option '" + k + "' (known: size, progress)");
            TlObject t = bridge.tlObject(rt.values().toJava(x, what + ": the file"), what);
            FileLocation.of(rt.host().api().schema(), t, size(o, what)); // refuse early
            FilesFolder folder = rt.host().filesFolder(rt.name());
            Path staged = folder.staging(path, what);
            return media().download(t, size(o, what), staged, relay).thenApply(p -> {
                folder.place(staged, path, what);
                return path;
            });
        });
    }

    private Object iterOpen(Value x, Value opts) {
        String what = "files.iterDownload";
        try {
            bridge.permit(what, "upload.getFile");
            Map<String, Object> o = options(opts, what);
            for (String k : o.keySet())
                if (!List.of("size", "chunk_size", "offset", "limit").contains(k))
                    throw new IllegalArgumentException(
                            what + ": unknown option '" + k + "' (known: chunk_size, offset, limit, size)");
            TlObject t = bridge.tlObject(rt.values().toJava(x, what + ": the file"), what);
            ChunkReader r = media().chunks(
                            t,
                            size(o, what),
                            (int) number(o, "chunk_size", MediaFiles.DEFAULT_CHUNK, what),
                            number(o, "offset", 0, what),
                            number(o, "limit", 0, what));
            if (readers.size() >= MAX_OPEN_READERS)
                readers.remove(readers.keySet().iterator().next());
            readers.put(++nextReader, r);
            return nextReader;
        } catch (RuntimeException e) {
            return bridge.paramError(what, e);
        }
    }

    private static long number(Map<String, Object> o, String key, long fallback, String what) {
        Object v = o.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n && n.doubleValue() == Math.floor(n.doubleValue())) return n.longValue();
        throw new IllegalArgumentException(what + ": " + key + " must be a whole number, got " + v);
    }

    private Object iterNext(int id) {
        ChunkReader r = readers.get(id);
        return bridge.answer(js, "files.iterDownload", () -> {
            if (r == null) return CompletableFuture.completedFuture(null);
            return r.next().whenComplete((b, e) -> {
                if (b == null) readers.remove(id);
            });
        });
    }

    /**
     * The caption with its parse mode applied (the call's {@code parse_mode}, else {@code scripts.parse_mode}), as
     * messages.sendMedia would parse it.
     */
    private SendFileOptions caption(SendFileOptions o) {
        if (o.caption().isEmpty() || (o.parseMode() == null && rt.host().parseMode() == null))
            return o.withCaption(o.caption(), null);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("message", o.caption());
        if (o.parseMode() != null) call.put("parse_mode", o.parseMode());
        Map<String, Object> parsed =
                bridge.parseModes().apply("messages.sendMedia", call, rt.host().parseMode());
        @SuppressWarnings("unchecked")
        List<Object> entities = (List<Object>) parsed.get("entities");
        return o.withCaption((String) parsed.get("message"), entities);
    }

    private Object sendFile(Value peer, Value files, Value opts, Value progress) {
        String what = "sendFile";
        Relay relay = new Relay(progress);
        return wait(what, relay, () -> {
            Map<String, Object> raw = options(opts, what);
            SendFileOptions o = caption(SendFileOptions.from(raw));
            FilesFolder folder = rt.host().filesFolder(rt.name());
            List<MediaFiles.Source> sources = new ArrayList<>();
            Object given = files.isString() ? files.asString() : rt.values().toJava(files, what + ": the file");
            if (given instanceof List<?> list) for (Object f : list) sources.add(source(f, folder, o, what));
            else sources.add(source(given, folder, o, what));
            long total = 0;
            for (MediaFiles.Source s : sources) total += s.size();
            bridge.permit(what, total > Uploader.BIG_FILE_THRESHOLD ? "upload.saveBigFilePart" : "upload.saveFilePart");
            if (sources.size() == 1) bridge.permit(what, "messages.sendMedia");
            else {
                bridge.permit(what, "messages.uploadMedia");
                bridge.permit(what, "messages.sendMultiMedia");
            }
            MediaFiles.Source thumb = null;
            if (raw.get("thumb") instanceof String t) thumb = pathSource(t, folder, what + ": thumb");
            else if (raw.get("thumb") != null)
                throw new IllegalArgumentException(what + ": thumb must be a path in the files folder");
            Object to = peer.isString() ? peer.asString() : rt.values().toJava(peer, what + ": peer");
            return media().sendFile(to, sources, thumb, o, relay);
        });
    }

    private static MediaFiles.Source source(Object j, FilesFolder folder, SendFileOptions o, String what) {
        if (j instanceof String path) return pathSource(path, folder, what);
        if (j instanceof byte[] b) {
            String name = o.fileName() != null ? o.fileName() : "file";
            return new MediaFiles.Source(name, b.length, () -> new ByteArrayInputStream(b));
        }
        throw new IllegalArgumentException(what + ": a file is a path in the script's files folder or bytes, got " + j);
    }

    private static MediaFiles.Source pathSource(String path, FilesFolder folder, String what) {
        FilesFolder.Upload first = folder.open(path, what);
        try {
            first.in().close();
        } catch (IOException ignored) {
            // only its size and name were wanted
        }
        return new MediaFiles.Source(
                first.name(), first.size(), () -> folder.open(path, what).in());
    }

    /** Starts work with a progress relay and answers it: JS a promise, Python the result once done. */
    private Object wait(String what, Relay relay, Bridge.Start start) {
        CompletableFuture<?> f;
        try {
            f = start.get();
        } catch (RuntimeException e) {
            return bridge.paramError(what, e);
        }
        if (!js && relay.fn != null) {
            // Python blocks this thread: deliver progress here while waiting, so the callback runs on it.
            rt.pauseClock();
            try {
                while (!f.isDone() && !rt.unloading().isDone()) {
                    try {
                        f.get(50, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException | ExecutionException e) {
                        // not yet, or failed: read by answer below
                    } catch (InterruptedException e) {
                        break;
                    }
                    relay.deliver();
                }
            } finally {
                rt.resumeClock();
            }
            if (f.isDone()) relay.deliver();
        }
        CompletableFuture<?> done = f;
        return bridge.answer(js, what, () -> done);
    }

    /** Progress from transfer threads to the script's callback: the latest value, delivered on the script's thread. */
    private final class Relay implements Progress {
        final Value fn;
        private final AtomicLong done = new AtomicLong(-1), total = new AtomicLong();
        private final AtomicBoolean posted = new AtomicBoolean();
        private long delivered = -1;

        Relay(Value fn) {
            if (fn != null && !fn.canExecute())
                throw new IllegalArgumentException("progress must be a function, got " + Values.describe(fn));
            this.fn = fn;
        }

        @Override
        public void update(long d, long t) {
            if (fn == null) return;
            total.set(t);
            done.set(d);
            if (js && posted.compareAndSet(false, true)) rt.post("progress", this::deliver);
        }

        /** On the script's thread: calls the callback with the latest (done, total) if it moved. */
        void deliver() {
            posted.set(false);
            long d = done.get();
            if (d < 0 || d == delivered) return;
            delivered = d;
            fn.execute(d, total.get());
        }
    }
}
