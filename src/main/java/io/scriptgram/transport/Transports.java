package io.scriptgram.transport;

import java.util.Objects;

/** Entry points: client codecs, and server codecs by detection. */
public final class Transports {
    private Transports() {}

    /** A client codec for {@code kind}, unobfuscated. */
    public static Transport client(TransportKind kind, TransportOptions options) {
        return codec(kind, Side.CLIENT, options);
    }

    /**
     * An obfuscated2 client codec around {@code inner} (not {@link TransportKind#FULL}).
     *
     * @param dcId the DC id put in the header as a signed short: the DC number, +10000 for test DCs, negative for media
     *     DCs (MTProxy servers route by it)
     */
    public static Transport obfuscatedClient(TransportKind inner, int dcId, TransportOptions options) {
        if (!inner.canBeObfuscated()) throw new IllegalArgumentException("the full transport cannot be obfuscated");
        return Obfuscated2.client(codec(inner, Side.CLIENT, options), dcId, options);
    }

    /**
     * A client codec for a connection to an MTProxy: obfuscated2 keyed with the secret, carrying {@code dcId} so the
     * proxy knows where to forward. A {@code dd} secret forces padded intermediate framing, an {@code ee} one adds the
     * fake-TLS handshake and records around that; a plain one keeps {@code kind} (full, which cannot be obfuscated,
     * becomes intermediate).
     *
     * @param unixSeconds the client's clock, which a fake-TLS hello carries
     */
    public static Transport mtproxyClient(
            MtProxySecret secret, TransportKind kind, int dcId, TransportOptions options, long unixSeconds) {
        TransportOptions keyed = options.withSecret(secret.key());
        return switch (secret.kind()) {
            case PLAIN -> obfuscatedClient(kind.canBeObfuscated() ? kind : TransportKind.INTERMEDIATE, dcId, keyed);
            case DD -> obfuscatedClient(TransportKind.PADDED_INTERMEDIATE, dcId, keyed);
            case EE ->
                new FakeTlsClient(
                        obfuscatedClient(TransportKind.PADDED_INTERMEDIATE, dcId, keyed),
                        secret,
                        options.random(),
                        unixSeconds);
        };
    }

    /**
     * A server codec for a connection whose opening bytes (tag) were already consumed, or for the full transport, which
     * has none. Usually {@link TransportDetector} picks it instead.
     */
    public static Transport server(TransportKind kind, TransportOptions options) {
        return codec(kind, Side.SERVER, options);
    }

    /** Detects the transport of a new server-side connection from its first bytes. */
    public static TransportDetector detector(TransportOptions options) {
        return new TransportDetector(options);
    }

    static FrameCodec codec(TransportKind kind, Side side, TransportOptions options) {
        Objects.requireNonNull(options, "options");
        return switch (Objects.requireNonNull(kind, "kind")) {
            case ABRIDGED -> new Abridged(side, options);
            case INTERMEDIATE -> new Intermediate(side, options);
            case PADDED_INTERMEDIATE -> new PaddedIntermediate(side, options);
            case FULL -> new Full(side, options);
        };
    }
}
