package io.scriptgram.net;

import java.time.Duration;
import java.util.Objects;

/**
 * What one server connection may hold, and how many one address may open. A connection past a limit is closed; where
 * MTProto defines a transport error for it, that is sent first.
 *
 * @param firstByteTimeout a connection that sends nothing at all for this long is closed. Only the first byte is
 *     awaited: after its opening, a client may stay idle for as long as it likes (clients keep connections open and
 *     ping)
 * @param frameTimeout a frame begun (or a transport opening begun) must be complete within this, or the connection is
 *     closed. The clock runs only while the server reads: not while it waits for the client to take its answers
 * @param maxFrameBytes largest MTProto packet a client may send; a longer frame is refused at its length prefix, before
 *     it is buffered, with transport error -429
 * @param maxConnectionsPerAddress open connections one IP address may hold; the next ones get -429
 */
public record ServerLimits(
        Duration firstByteTimeout, Duration frameTimeout, int maxFrameBytes, int maxConnectionsPerAddress) {
    /**
     * Clients send at most about 1 MiB in one packet (a container of up to 1 MiB, or one 512 KiB file part); 2 MiB
     * leaves room while keeping one address's worst case near 64 MiB.
     */
    public static final int DEFAULT_MAX_FRAME_BYTES = 2 << 20;

    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 32;
    public static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(30);
    /** Keeps the transport's header arithmetic far from int overflow, as the transport does. */
    static final int MAX_MAX_FRAME_BYTES = 1 << 30;

    public ServerLimits {
        positive("firstByteTimeout", firstByteTimeout);
        positive("frameTimeout", frameTimeout);
        if (maxFrameBytes < 64 || maxFrameBytes > MAX_MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(
                    "maxFrameBytes must be in [64, " + MAX_MAX_FRAME_BYTES + "], got " + maxFrameBytes);
        }
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException(
                    "maxConnectionsPerAddress must be at least 1, got " + maxConnectionsPerAddress);
        }
    }

    public static ServerLimits defaults() {
        return new ServerLimits(
                DEFAULT_FIRST_BYTE_TIMEOUT,
                DEFAULT_FRAME_TIMEOUT,
                DEFAULT_MAX_FRAME_BYTES,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    public ServerLimits withFirstByteTimeout(Duration d) {
        return new ServerLimits(d, frameTimeout, maxFrameBytes, maxConnectionsPerAddress);
    }

    public ServerLimits withFrameTimeout(Duration d) {
        return new ServerLimits(firstByteTimeout, d, maxFrameBytes, maxConnectionsPerAddress);
    }

    public ServerLimits withMaxFrameBytes(int n) {
        return new ServerLimits(firstByteTimeout, frameTimeout, n, maxConnectionsPerAddress);
    }

    public ServerLimits withMaxConnectionsPerAddress(int n) {
        return new ServerLimits(firstByteTimeout, frameTimeout, maxFrameBytes, n);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
}
