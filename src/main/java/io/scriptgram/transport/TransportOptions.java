package io.scriptgram.transport;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Settings shared by the codecs of one connection.
 *
 * @param maxPayload largest MTProto packet sent, in bytes (and received, unless {@code maxReceive} is lower)
 * @param random source of padding and obfuscation headers (seeded in tests)
 * @param secret optional 16-byte MTProxy secret mixed into obfuscated2 keys, or null
 * @param maxReceive largest MTProto packet received, in bytes; a longer frame is refused at its length prefix, before
 *     anything is buffered or allocated for it. A server sets it below {@code maxPayload}: what clients send is smaller
 *     than what it answers (file parts).
 */
public record TransportOptions(int maxPayload, RandomGenerator random, byte[] secret, int maxReceive) {
    /** 16 MiB of message plus room for MTProto's own headers (auth_key_id, msg_key, salt, ids...). */
    public static final int DEFAULT_MAX_PAYLOAD = (16 << 20) + 1024;
    /** Keeps every header arithmetic (length + 12 + 15) far from int overflow. */
    public static final int MAX_MAX_PAYLOAD = 1 << 30;

    public TransportOptions {
        if (maxPayload < 4 || maxPayload > MAX_MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be in [4, " + MAX_MAX_PAYLOAD + "], got " + maxPayload);
        }
        if (maxReceive < 4 || maxReceive > MAX_MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxReceive must be in [4, " + MAX_MAX_PAYLOAD + "], got " + maxReceive);
        }
        Objects.requireNonNull(random, "random");
        if (secret != null) {
            if (secret.length != 16)
                throw new IllegalArgumentException("MTProxy secret must be 16 bytes, got " + secret.length);
            secret = secret.clone();
        }
    }

    /** The same limit both ways. */
    public TransportOptions(int maxPayload, RandomGenerator random, byte[] secret) {
        this(maxPayload, random, secret, maxPayload);
    }

    public static TransportOptions defaults() {
        return new TransportOptions(DEFAULT_MAX_PAYLOAD, new SecureRandom(), null);
    }

    /** Sets both limits. */
    public TransportOptions withMaxPayload(int max) {
        return new TransportOptions(max, random, secret, max);
    }

    public TransportOptions withMaxReceive(int max) {
        return new TransportOptions(maxPayload, random, secret, max);
    }

    public TransportOptions withRandom(RandomGenerator r) {
        return new TransportOptions(maxPayload, r, secret, maxReceive);
    }

    public TransportOptions withSecret(byte[] s) {
        return new TransportOptions(maxPayload, random, s, maxReceive);
    }

    @Override
    public byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    // The secret is a credential: never print it.
    @Override
    public String toString() {
        return "TransportOptions[maxPayload=" + maxPayload + ", maxReceive=" + maxReceive + ", secret="
                + (secret == null ? "none" : "set") + "]";
    }
}
