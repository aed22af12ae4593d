package io.scriptgram.mtproto;

import java.util.function.LongSupplier;

/**
 * MTProto message identifiers: unix time in the high 32 bits, sub-second bits below, and the low two bits telling who
 * sent it (client 0, server response 1, server-initiated 3). Ids from one generator strictly increase even when the
 * clock stalls or steps back. The time offset corrects our clock to the server's (learned from a server msg_id when the
 * server says ours are too low or too high).
 */
public final class MsgId {
    /** The low two bits of a msg_id: who sent it and why. */
    public enum Kind {
        CLIENT(0),
        SERVER_RESPONSE(1),
        SERVER_INITIATED(3);

        final int bits;

        Kind(int bits) {
            this.bits = bits;
        }
    }

    private final LongSupplier millis;
    private long offsetSeconds;
    private long last;

    /** {@code millis} gives the local wall clock in unix milliseconds (InstantSource::millis fits). */
    public MsgId(LongSupplier millis) {
        this.millis = millis;
    }

    /** A fresh id of the given kind, greater than every id this generator made before. */
    public long next(Kind kind) {
        long ms = millis.getAsLong() + offsetSeconds * 1000;
        long seconds = Math.floorDiv(ms, 1000);
        long fraction = (Math.floorMod(ms, 1000L) << 32) / 1000; // sub-second part scaled to 32 bits
        long id = (seconds << 32) | (fraction & ~3L) | kind.bits;
        if (id <= last) id = ((last + 4) & ~3L) | kind.bits;
        last = id;
        return id;
    }

    /** Our corrected clock, unix seconds. */
    public long nowSeconds() {
        return Math.floorDiv(millis.getAsLong(), 1000) + offsetSeconds;
    }

    /** Seconds added to the local clock so that it agrees with the server's. */
    public long offsetSeconds() {
        return offsetSeconds;
    }

    /** Sets the offset so our clock agrees with the time inside a (trusted, freshly received) server msg_id. */
    public void correctFrom(long serverMsgId) {
        long corrected = seconds(serverMsgId) - Math.floorDiv(millis.getAsLong(), 1000);
        // Ids made with a clock that ran ahead were refused by the server (that is why we correct), so
        // going back below them is safe and the only way to produce ids it accepts.
        if (corrected < offsetSeconds) last = 0;
        offsetSeconds = corrected;
    }

    /** The unix time (seconds) a msg_id claims. */
    public static long seconds(long msgId) {
        return msgId >>> 32;
    }

    /** True for ids a client may send (≡ 0 mod 4). */
    public static boolean isClient(long msgId) {
        return (msgId & 3) == 0;
    }

    /** True for ids a server may send (odd: 1 for responses, 3 for messages it starts). */
    public static boolean isServer(long msgId) {
        return (msgId & 1) == 1;
    }
}
