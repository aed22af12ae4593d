package io.scriptgram.net;

import io.scriptgram.transport.Transport;
import io.scriptgram.transport.TransportKind;
import io.scriptgram.transport.TransportOptions;
import io.scriptgram.transport.Transports;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which framing a client connection uses, as the layers above name it (config.yml's {@code transport:}); they never see
 * the transport package. Each connection gets a fresh codec.
 */
public record TransportChoice(Protocol protocol, boolean obfuscated) {
    public enum Protocol {
        ABRIDGED,
        INTERMEDIATE,
        PADDED,
        FULL
    }

    public TransportChoice {
        if (obfuscated && protocol == Protocol.FULL) {
            throw new IllegalArgumentException("the full transport cannot be obfuscated (it has no tag)");
        }
    }

    /** Every choice there is, for tests that go through all of them. */
    public static List<TransportChoice> all() {
        List<TransportChoice> out = new ArrayList<>();
        for (Protocol p : Protocol.values()) {
            out.add(new TransportChoice(p, false));
            if (p != Protocol.FULL) out.add(new TransportChoice(p, true));
        }
        return out;
    }

    /**
     * {@code abridged}, {@code intermediate}, {@code padded}, {@code full}, or {@code obfuscated-<one of the first
     * three>}.
     */
    public static TransportChoice parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        boolean obf = t.startsWith("obfuscated-");
        if (obf) t = t.substring("obfuscated-".length());
        Protocol p = switch (t) {
            case "abridged" -> Protocol.ABRIDGED;
            case "intermediate" -> Protocol.INTERMEDIATE;
            case "padded", "padded-intermediate" -> Protocol.PADDED;
            case "full" -> Protocol.FULL;
            default ->
                throw new IllegalArgumentException(
                        "unknown transport '" + text + "': expected abridged, intermediate, padded, full, or "
                                + "obfuscated-<abridged|intermediate|padded>");
        };
        return new TransportChoice(p, obf);
    }

    Transport newClientCodec(int dcId, TransportOptions options) {
        return obfuscated ? Transports.obfuscatedClient(kind(), dcId, options) : Transports.client(kind(), options);
    }

    TransportKind kind() {
        return switch (protocol) {
            case ABRIDGED -> TransportKind.ABRIDGED;
            case INTERMEDIATE -> TransportKind.INTERMEDIATE;
            case PADDED -> TransportKind.PADDED_INTERMEDIATE;
            case FULL -> TransportKind.FULL;
        };
    }

    @Override
    public String toString() {
        return (obfuscated ? "obfuscated-" : "") + protocol.name().toLowerCase(Locale.ROOT);
    }
}
