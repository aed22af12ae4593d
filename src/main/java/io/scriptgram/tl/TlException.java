package io.scriptgram.tl;

/**
 * The one exception of the TL layer: a schema that does not parse, a value that does not fit its field, or bytes that
 * do not decode. Decoding errors carry the byte offset and what was being read.
 */
public final class TlException extends RuntimeException {
    private final int offset;

    public TlException(String message) {
        super(message);
        this.offset = -1;
    }

    public TlException(String message, int offset) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    public TlException(String message, Throwable cause) {
        super(message, cause);
        this.offset = -1;
    }

    /** Byte offset of a decoding error, or -1 when the error is not about bytes. */
    public int offset() {
        return offset;
    }
}
