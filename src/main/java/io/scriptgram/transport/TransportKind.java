package io.scriptgram.transport;

/** The MTProto framing protocols; obfuscation is a wrapper around the first three. */
public enum TransportKind {
    ABRIDGED("abridged", 0xefefefef),
    INTERMEDIATE("intermediate", 0xeeeeeeee),
    PADDED_INTERMEDIATE("padded intermediate", 0xdddddddd),
    /** Has no tag, so it cannot be obfuscated. */
    FULL("full", 0);

    private final String protocolName;
    private final int obfuscationTag;

    TransportKind(String protocolName, int obfuscationTag) {
        this.protocolName = protocolName;
        this.obfuscationTag = obfuscationTag;
    }

    /** The protocol's name as core.telegram.org spells it. */
    public String protocolName() {
        return protocolName;
    }

    public boolean canBeObfuscated() {
        return this != FULL;
    }

    /** The 4 bytes (as a little-endian int) placed at offset 56 of an obfuscated2 header. */
    int obfuscationTag() {
        if (this == FULL) throw new IllegalArgumentException("the full transport has no tag and cannot be obfuscated");
        return obfuscationTag;
    }

    static TransportKind byObfuscationTag(int tag) {
        for (TransportKind k : values()) {
            if (k != FULL && k.obfuscationTag == tag) return k;
        }
        return null;
    }
}
