package io.scriptgram.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlReader;
import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.function.Executable;

/**
 * The default world with a settable clock, a seeded random source, every handler and a sink that records pushes.
 * {@link #call} builds the request from names and values, dispatches it, and checks the reply encodes and decodes as
 * the method's result type, as a client would read it.
 */
final class SandboxHarness {
    static final TlSchema SCHEMA = TlSchema.bundled();
    static final long ME = 1000001, ALICE = 1000002, BOB = 1000003, CAROL = 1000004, DAVE = 1000005, BOT = 1000006;
    static final long GROUP = 3000001, SUPERGROUP = 4000001, CHANNEL = 4000002;

    record Pushed(long userId, TlObject updates, CallContext origin) {}

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    final SplittableRandom random = new SplittableRandom(42);
    final World world;
    final Faults faults;
    final Handlers handlers;
    final List<Pushed> pushed = new ArrayList<>();
    final UpdateSink sink = new UpdateSink() {
        @Override
        public void push(long userId, TlObject updates, CallContext origin) {
            // Every pushed Updates object must encode and read back, as the client will read it.
            assertEquals(updates, new TlCodec(SCHEMA).decode(TlCodec.encode(updates)));
            synchronized (pushed) {
                pushed.add(new Pushed(userId, updates, origin));
            }
        }

        @Override
        public void pushTo(CallContext session, TlObject updates) {
            push(session.userId(), updates, null);
        }
    };

    SandboxHarness() {
        this(new Faults());
    }

    SandboxHarness(Faults faults) {
        this.world = WorldLoader.loadDefault(clock, random);
        this.faults = faults;
        this.handlers = Handlers.standard(world, faults);
    }

    /** A fresh, not logged-in session on {@code dc}. */
    CallContext session(int dc) {
        return new CallContext(SCHEMA, dc, sink);
    }

    /** A session logged in as {@code userId} on that user's DC. */
    CallContext as(long userId) {
        SandboxUser u = world.user(userId);
        return CallContext.loggedIn(SCHEMA, u.homeDc(), sink, u);
    }

    static TlObject tl(String name, Object... namesAndValues) {
        return TlObject.of(SCHEMA, name, Replies.fields(namesAndValues));
    }

    /**
     * Dispatches {@code method} and checks the reply round-trips through the binary codec as the method's result type.
     */
    Object call(CallContext ctx, String method, Object... namesAndValues) {
        TlObject request = tl(method, namesAndValues);
        Object result = handlers.call(ctx, request);
        byte[] bytes = Handlers.encodeResult(request, result);
        TlReader r = new TlReader(bytes);
        Object back = new TlCodec(SCHEMA)
                .readValue(r, Handlers.unwrap(request).constructor().resultType());
        assertEquals(0, r.remaining(), method + ": reply has trailing bytes");
        assertEquals(result, back, method + ": reply does not decode to itself");
        return result;
    }

    TlObject obj(CallContext ctx, String method, Object... namesAndValues) {
        return (TlObject) call(ctx, method, namesAndValues);
    }

    /** Asserts the call fails with exactly this RPC error. */
    static SandboxRpcError assertRpcError(int code, String message, Executable call) {
        SandboxRpcError e = assertThrows(SandboxRpcError.class, call);
        assertEquals(code + " " + message, e.code() + " " + e.errorMessage());
        return e;
    }

    TlObject inputPeerUser(long id) {
        return tl("inputPeerUser", "user_id", id, "access_hash", world.user(id).accessHash());
    }

    TlObject inputPeerChannel(long id) {
        return tl(
                "inputPeerChannel",
                "channel_id",
                id,
                "access_hash",
                world.chat(PeerKey.channel(id)).accessHash());
    }

    TlObject inputUser(long id) {
        return tl("inputUser", "user_id", id, "access_hash", world.user(id).accessHash());
    }

    List<Pushed> pushedTo(long userId) {
        synchronized (pushed) {
            return pushed.stream().filter(p -> p.userId() == userId).toList();
        }
    }

    /** The single Update inside a pushed {@code updates}. */
    static TlObject onlyUpdate(TlObject updates) {
        assertEquals("updates", updates.name());
        assertEquals(1, updates.getList("updates").size(), "one update expected in " + updates);
        return (TlObject) updates.getList("updates").get(0);
    }

    static void assertContainsAll(String haystack, String... needles) {
        for (String n : needles) assertTrue(haystack.contains(n), "expected '" + n + "' in: " + haystack);
    }

    static final class MutableClock implements InstantSource {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }
    }
}
