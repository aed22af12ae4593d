package io.scriptgram.transport;

/** Which end of the connection a codec serves; quick acks and tags mean different things per side. */
public enum Side {
    /** Opens the connection, sends the tag or obfuscation header, may request quick acks. */
    CLIENT,
    /** Accepts the connection, answers quick acks, may send transport error codes. */
    SERVER
}
