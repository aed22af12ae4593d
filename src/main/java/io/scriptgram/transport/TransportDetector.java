package io.scriptgram.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Picks the server-side transport of a new connection from its first bytes, as Telegram's servers do: 0xef is abridged;
 * 0xeeeeeeee intermediate; 0xdddddddd padded intermediate; a plausible full-transport length followed by seq_no 0 is
 * full; anything else is an obfuscated2 header once 64 bytes are in. HTTP and TLS openings are refused with a clear
 * message.
 */
public final class TransportDetector {
    private static final int FULL_MIN = Full.OVERHEAD + 4;

    private final TransportOptions options;
    private byte[] pending = new byte[0];
    private boolean done;
    /** Set once the opening was refused: the connection is unusable and nothing more is buffered. */
    private String failure;

    TransportDetector(TransportOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Adds received bytes. Returns the detected server transport, already fed with every byte after the tag or header,
     * or null while more bytes are needed. Once it has returned a transport, the detector is finished; feed that
     * transport instead.
     *
     * @throws TransportException the opening bytes match no supported transport
     */
    public Transport feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (done) throw new IllegalStateException("transport already detected; feed the transport");
        if (failure != null) throw new TransportException(failure);
        int had = pending.length;
        pending = Arrays.copyOf(pending, had + length);
        System.arraycopy(bytes, offset, pending, had, length);
        Transport t;
        try {
            t = detect();
        } catch (TransportException e) {
            failure = e.getMessage();
            pending = new byte[0];
            throw e;
        }
        if (t != null) done = true;
        return t;
    }

    public Transport feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    /** Opening bytes received while the transport is still undecided. */
    public int buffered() {
        return pending.length;
    }

    private Transport detect() {
        int n = pending.length;
        if (n < 1) return null;
        if ((pending[0] & 0xff) == 0xef) return handOver(Transports.server(TransportKind.ABRIDGED, options), 1);
        if (n < 4) return null;
        int first = Bytes.intLE(pending, 0);
        switch (first) {
            case 0xeeeeeeee -> {
                return handOver(Transports.server(TransportKind.INTERMEDIATE, options), 4);
            }
            case 0xdddddddd -> {
                return handOver(Transports.server(TransportKind.PADDED_INTERMEDIATE, options), 4);
            }
            case 0x44414548, 0x54534f50, 0x20544547, 0x4954504f ->
                throw new TransportException("HTTP transport is not supported (connection opened with \""
                        + new String(pending, 0, 4, StandardCharsets.ISO_8859_1) + "\")");
            case 0x02010316 ->
                throw new TransportException("connection opened with a TLS record: a fake-TLS (ee) MTProxy client? "
                        + "This port takes MTProto only; an MTProxy front takes it (scriptgram sandbox --mtproxy)");
            default -> {}
        }
        if (n < 8) return null;
        if (Bytes.intLE(pending, 4) == 0) {
            // An obfuscated2 header never has zero bytes 4..8, so this can only be full's seq_no 0. A length over
            // the limit is still full: the codec refuses it at once, and the server can answer in full's framing.
            if (first < FULL_MIN || first % 4 != 0) {
                throw new TransportException(String.format(
                        "unrecognised transport: first int %d (0x%08x) followed by zero is not a valid "
                                + "full-transport length",
                        first, first));
            }
            return handOver(Transports.server(TransportKind.FULL, options), 0);
        }
        if (n < Obfuscated2.HEADER_LENGTH) return null;
        return handOver(
                Obfuscated2.server(Arrays.copyOf(pending, Obfuscated2.HEADER_LENGTH), options),
                Obfuscated2.HEADER_LENGTH);
    }

    private Transport handOver(Transport t, int consumed) {
        byte[] rest = Arrays.copyOfRange(pending, consumed, pending.length);
        pending = new byte[0];
        if (rest.length > 0) t.feed(rest, 0, rest.length);
        return t;
    }
}
