package io.scriptgram.transport;

import io.scriptgram.crypto.AesCtr;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Obfuscated2: abridged, intermediate or padded intermediate inside AES-256-CTR, so that no fixed byte pattern appears
 * on the wire. The client opens with a 64-byte header: 56 random bytes (which must not look like another protocol's
 * start), the inner tag at 56..60 and the DC id as a signed little-endian short at 60..62; bytes 56..64 are sent
 * encrypted. Both directions then run one continuous keystream each.
 */
final class Obfuscated2 implements Transport {
    static final int HEADER_LENGTH = 64;

    private final FrameCodec inner;
    private final AesCtr encryptor;
    private final byte[] header;
    private final int dcId;
    private boolean started;

    private Obfuscated2(FrameCodec inner, AesCtr encryptor, AesCtr decryptor, byte[] header, int dcId) {
        this.inner = inner;
        this.encryptor = encryptor;
        this.header = header;
        this.dcId = dcId;
        inner.startWrapped(decryptor);
    }

    /** A client with a fresh random header. */
    static Obfuscated2 client(FrameCodec inner, int dcId, TransportOptions options) {
        return client(inner, randomHeader(options.random()), dcId, options.secret());
    }

    /** A client whose header starts from the given 64 bytes (which must be a valid random header). */
    static Obfuscated2 client(FrameCodec inner, byte[] random64, int dcId, byte[] secret) {
        if (inner.side() != Side.CLIENT) throw new IllegalArgumentException("inner codec must be a client codec");
        if (dcId < Short.MIN_VALUE || dcId > Short.MAX_VALUE)
            throw new IllegalArgumentException("DC id must fit a signed short, got " + dcId);
        if (!isValidRandom(random64))
            throw new IllegalArgumentException("random header would look like another protocol's start");
        byte[] plain = random64.clone();
        Bytes.intLE(plain, 56, inner.kind().obfuscationTag());
        plain[60] = (byte) dcId;
        plain[61] = (byte) (dcId >> 8);
        Obfuscated2Keys keys = Obfuscated2Keys.derive(plain, secret);
        AesCtr encryptor = new AesCtr(keys.encryptKey(), keys.encryptIv());
        AesCtr decryptor = new AesCtr(keys.decryptKey(), keys.decryptIv());
        byte[] encrypted = plain.clone();
        encryptor.apply(encrypted, 0, HEADER_LENGTH);
        System.arraycopy(encrypted, 56, plain, 56, 8);
        return new Obfuscated2(inner, encryptor, decryptor, plain, dcId);
    }

    /**
     * The server's side of a connection that opened with {@code received64}: mirror keys, and the inner protocol read
     * from the decrypted tag.
     */
    static Obfuscated2 server(byte[] received64, TransportOptions options) {
        Obfuscated2Keys keys = Obfuscated2Keys.derive(received64, options.secret());
        AesCtr decryptor = new AesCtr(keys.encryptKey(), keys.encryptIv());
        AesCtr encryptor = new AesCtr(keys.decryptKey(), keys.decryptIv());
        byte[] plain = Arrays.copyOf(received64, HEADER_LENGTH);
        decryptor.apply(plain, 0, HEADER_LENGTH);
        int tag = Bytes.intLE(plain, 56);
        TransportKind kind = TransportKind.byObfuscationTag(tag);
        if (kind == null) {
            throw new TransportException(
                    String.format("obfuscated2: unknown protocol tag %08x in the header (wrong secret?)", tag));
        }
        int dcId = (short) ((plain[60] & 0xff) | (plain[61] & 0xff) << 8);
        return new Obfuscated2(Transports.codec(kind, Side.SERVER, options), encryptor, decryptor, new byte[0], dcId);
    }

    static byte[] randomHeader(RandomGenerator random) {
        byte[] h = new byte[HEADER_LENGTH];
        do {
            random.nextBytes(h);
        } while (!isValidRandom(h));
        return h;
    }

    /** The header must not be mistaken for abridged, intermediate, HTTP, TLS or full (seq_no 0). */
    static boolean isValidRandom(byte[] h) {
        Objects.requireNonNull(h, "header");
        if (h.length != HEADER_LENGTH) return false;
        if ((h[0] & 0xff) == 0xef) return false;
        int first = Bytes.intLE(h, 0);
        switch (first) {
            case 0x44414548,
                    0x54534f50,
                    0x20544547,
                    0x4954504f, // "HEAD", "POST", "GET ", "OPTI"
                    0xdddddddd,
                    0xeeeeeeee,
                    0x02010316 -> { // padded, intermediate, TLS record start
                return false;
            }
            default -> {}
        }
        return Bytes.intLE(h, 4) != 0;
    }

    /** The DC id from the header (negative: media DC; +10000: test DC, by convention). */
    @Override
    public OptionalInt dcId() {
        return OptionalInt.of(dcId);
    }

    @Override
    public TransportKind kind() {
        return inner.kind();
    }

    @Override
    public boolean obfuscated() {
        return true;
    }

    @Override
    public Side side() {
        return inner.side();
    }

    @Override
    public String name() {
        return "obfuscated2 " + inner.name();
    }

    @Override
    public byte[] start() {
        if (started) throw new IllegalStateException(name() + ": start() already called");
        started = true;
        return header.clone();
    }

    @Override
    public byte[] encode(byte[] payload, boolean requestQuickAck) {
        requireStarted();
        return encrypt(inner.encode(payload, requestQuickAck));
    }

    @Override
    public byte[] encodeQuickAck(int token) {
        requireStarted();
        return encrypt(inner.encodeQuickAck(token));
    }

    @Override
    public byte[] encodeError(int negativeCode) {
        requireStarted();
        return encrypt(inner.encodeError(negativeCode));
    }

    private void requireStarted() {
        if (!started) throw new IllegalStateException(name() + ": start() must be sent before the first frame");
    }

    private byte[] encrypt(byte[] frame) {
        encryptor.apply(frame, 0, frame.length);
        return frame;
    }

    @Override
    public boolean supportsQuickAck() {
        return inner.supportsQuickAck();
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        inner.feed(bytes, offset, length);
    }

    @Override
    public Frame next() {
        return inner.next();
    }

    @Override
    public int buffered() {
        return inner.buffered();
    }
}
