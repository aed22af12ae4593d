package io.scriptgram.script;

import io.scriptgram.client.ApiInvoker;
import io.scriptgram.client.RpcException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlParam;
import io.scriptgram.tl.TlSchema;
import io.scriptgram.tl.TlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A local ApiInvoker: methods answered in-process from hand-built TL objects; every query is recorded.
 * {@code test.note(text)} is the channel test scripts report what they saw through.
 */
final class FakeApi implements ApiInvoker {
    /** A tiny layer with one constructor holding every TL value kind. */
    static final String TEST_TL = """
            test.kinds#7a5b0001 flags:# i:int l:long d:double s:string b:bytes n128:int128 n256:int256 ok:Bool \
            yes:flags.0?true v:Vector<long> nested:flags.1?test.Kinds opt:flags.2?string = test.Kinds;
            ---functions---
            test.echo#7a5b0002 k:test.Kinds = test.Kinds;
            test.note#7a5b0003 text:string = Bool;
            test.longs#7a5b0004 = Vector<long>;
            invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;
            """;

    static final TlSchema TEST_SCHEMA = TlSchema.withApi(TEST_TL, "test.tl");

    final TlSchema schema;
    final List<TlObject> calls = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<String> notes = new LinkedBlockingQueue<>();
    final Map<String, Function<TlObject, Object>> answers = new ConcurrentHashMap<>();
    volatile boolean async;

    FakeApi(TlSchema schema) {
        this.schema = schema;
        answers.put("test.echo", q -> q.getObject("k"));
        answers.put("test.note", q -> {
            notes.add(q.getString("text"));
            return true;
        });
        answers.put("test.longs", q -> List.of(Long.MAX_VALUE, Long.MIN_VALUE, 1L << 53, (1L << 53) + 1, 42L));
        answers.put(
                "help.getNearestDc",
                q -> TlObject.of(schema, "nearestDc", Map.of("country", "ZZ", "this_dc", 1, "nearest_dc", 1)));
        answers.put("contacts.getTopPeers", this::topPeers);
        answers.put("help.getConfig", q -> {
            throw new RpcException(420, "FLOOD_WAIT_17", "help.getConfig");
        });
    }

    /** A {@code test.kinds} object (every TL kind of field) with these scalars and empty bytes and vectors. */
    static TlObject kinds(int i, long l, double d, String s) {
        return TlObject.of(
                TEST_SCHEMA,
                "test.kinds",
                Map.of(
                        "i",
                        i,
                        "l",
                        l,
                        "d",
                        d,
                        "s",
                        s,
                        "b",
                        new byte[0],
                        "n128",
                        new byte[16],
                        "n256",
                        new byte[32],
                        "ok",
                        true,
                        "v",
                        List.of()));
    }

    static FakeApi bundled() {
        return new FakeApi(TlSchema.bundled());
    }

    static FakeApi test() {
        return new FakeApi(TEST_SCHEMA);
    }

    /** Like the sandbox: one category per flag set, TYPES_EMPTY when none. */
    private Object topPeers(TlObject q) {
        List<TlObject> categories = new ArrayList<>();
        for (TlParam p : q.constructor().params()) {
            if (p.type.kind != TlType.TRUE || !q.getBool(p.name)) continue;
            String cat = "topPeerCategory"
                    + switch (p.name) {
                        case "correspondents" -> "Correspondents";
                        case "bots_pm" -> "BotsPM";
                        case "groups" -> "Groups";
                        default -> "Channels";
                    };
            TlObject peer = TlObject.of(
                    schema,
                    "topPeer",
                    Map.of("peer", TlObject.of(schema, "peerUser", Map.of("user_id", 1000002L)), "rating", 2.5));
            categories.add(TlObject.of(
                    schema,
                    "topPeerCategoryPeers",
                    Map.of("category", TlObject.of(schema, cat, Map.of()), "count", 1, "peers", List.of(peer))));
        }
        if (categories.isEmpty()) throw new RpcException(400, "TYPES_EMPTY", "contacts.getTopPeers");
        return TlObject.of(
                schema, "contacts.topPeers", Map.of("categories", categories, "chats", List.of(), "users", List.of()));
    }

    @Override
    public TlSchema schema() {
        return schema;
    }

    @Override
    public CompletableFuture<Object> invoke(String method, Map<String, ?> params) {
        return invoke(TlObject.of(schema, method, params));
    }

    @Override
    public CompletableFuture<Object> invoke(TlObject query) {
        calls.add(query);
        Function<TlObject, Object> f = answers.get(query.name());
        if (f == null) return CompletableFuture.failedFuture(new RpcException(400, "METHOD_NOT_FAKED", query.name()));
        if (async) return CompletableFuture.supplyAsync(() -> f.apply(query));
        try {
            return CompletableFuture.completedFuture(f.apply(query));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    TlObject lastCall(String method) {
        for (int i = calls.size() - 1; i >= 0; i--) if (calls.get(i).name().equals(method)) return calls.get(i);
        return null;
    }
}
