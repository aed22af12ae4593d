package io.scriptgram.sandbox;

import io.scriptgram.tl.TlSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Simulated contacts: each {@link #tick} at or after the next due time makes a random contact of the account (bots
 * excepted) send it a message, with the updates pushed to the sessions of both. Owns no thread: the server ticks it
 * from its own timer. Deterministic for a given random source.
 */
public final class Chatter {
    private static final List<String> LINES = List.of(
            "Hi! How is the script going?",
            "Did you see the news in the channel?",
            "Ping",
            "Lunch later?",
            "Sending you the file tomorrow.",
            "Can you check the group chat?",
            "The sandbox is quiet today.",
            "Thanks!",
            "On my way.",
            "What do you think about the new layer?");

    /** What the account itself types "from another device" (in Saved Messages), so commands have work under run. */
    static final List<String> OWN_LINES = List.of(".ping", ".echo typed on another device", "/ping");

    private final World world;
    private final TlSchema schema;
    private final UpdateSink sink;
    private final RandomGenerator random;
    private final Duration interval;
    private final int ownEvery;
    private int ticks;
    private Instant next;

    public Chatter(World world, TlSchema schema, UpdateSink sink, RandomGenerator random, Duration interval) {
        this(world, schema, sink, random, interval, 0);
    }

    /** As above; every {@code ownEvery}-th message (0: none) is the account's own, typed on another device. */
    public Chatter(
            World world, TlSchema schema, UpdateSink sink, RandomGenerator random, Duration interval, int ownEvery) {
        if (ownEvery < 0) throw new IllegalArgumentException("ownEvery must be 0 or more, got " + ownEvery);
        this.ownEvery = ownEvery;
        if (interval.isNegative() || interval.isZero())
            throw new IllegalArgumentException("chatter interval must be positive, got " + interval);
        this.world = world;
        this.schema = schema;
        this.sink = sink == null ? UpdateSink.NONE : sink;
        this.random = random;
        this.interval = interval;
    }

    /**
     * Sends one message when due (the first tick only starts the clock); returns it as stored in the account's box, or
     * null when nothing was due or the account has no contacts.
     */
    public SandboxMessage tick(Instant now) {
        List<Messaging.Push> pushes;
        SandboxMessage sent;
        synchronized (this) {
            if (next == null) {
                next = now.plus(interval);
                return null;
            }
            if (now.isBefore(next)) return null;
            next = now.plus(interval);
            if (ownEvery > 0 && ++ticks % ownEvery == 0) {
                String line = OWN_LINES.get(random.nextInt(OWN_LINES.size()));
                return fromOtherDevice(world, schema, sink, PeerKey.user(world.accountId()), line);
            }
            synchronized (world) {
                List<Long> senders = new ArrayList<>();
                for (long id : world.contacts(world.accountId()))
                    if (!world.user(id).bot()) senders.add(id);
                if (senders.isEmpty()) return null;
                long from = senders.get(random.nextInt(senders.size()));
                String text = LINES.get(random.nextInt(LINES.size()));
                List<Messaging.Delivery> ds = Messaging.send(world, from, PeerKey.user(world.accountId()), text, 0);
                sent = ((UpdateEvent.NewMessage) ds.get(ds.size() - 1).entry().event()).message();
                pushes = Messaging.render(world, schema, ds, 0, id -> sink.reaches(id, null));
            }
        }
        for (Messaging.Push p : pushes) sink.push(p.userId(), p.updates(), null);
        return sent;
    }

    /**
     * The account sends {@code text} to {@code to} from another device: stored as its outgoing message, pushed to all
     * of its sessions (none caused it) and to the other side's.
     */
    static SandboxMessage fromOtherDevice(World world, TlSchema schema, UpdateSink sink, PeerKey to, String text) {
        List<Messaging.Push> pushes;
        SandboxMessage sent;
        synchronized (world) {
            List<Messaging.Delivery> ds = Messaging.send(world, world.accountId(), to, text, 0);
            sent = ((UpdateEvent.NewMessage) ds.get(0).entry().event()).message();
            pushes = Messaging.render(world, schema, ds, 0, id -> sink != null && sink.reaches(id, null));
        }
        for (Messaging.Push p : pushes) (sink == null ? UpdateSink.NONE : sink).push(p.userId(), p.updates(), null);
        return sent;
    }
}
