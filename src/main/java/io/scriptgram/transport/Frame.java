package io.scriptgram.transport;

import java.util.Arrays;

/** One complete unit received from the peer. */
public sealed interface Frame {

    /**
     * An MTProto packet (auth_key_id, then the rest). {@code quickAckRequested} is only ever true on the server side:
     * the client asked for a quick ack of this packet.
     */
    record Packet(byte[] payload, boolean quickAckRequested) implements Frame {
        public Packet(byte[] payload) {
            this(payload, false);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Packet p
                    && p.quickAckRequested == quickAckRequested
                    && Arrays.equals(p.payload, payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload) * 31 + Boolean.hashCode(quickAckRequested);
        }

        // Payloads can be megabytes and are opaque here; show their size only.
        @Override
        public String toString() {
            return "Packet[" + payload.length + " bytes" + (quickAckRequested ? ", quick ack requested]" : "]");
        }
    }

    /**
     * The server's quick acknowledgement of a packet the client sent with a quick-ack request. {@code token} is the
     * 32-bit value as sent, most significant bit set.
     */
    record QuickAck(int token) implements Frame {
        @Override
        public String toString() {
            return "QuickAck[0x" + Integer.toHexString(token) + "]";
        }
    }

    /** A 4-byte frame holding a negative code such as -404 (auth key not found) or -429 (flood). */
    record TransportError(int code) implements Frame {}
}
