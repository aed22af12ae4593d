package io.scriptgram.session;

/** One string format: read it (or say why this is not it) and write it. */
interface SessionCodec {
    SessionFormat format();

    /** The session in {@code text}; a {@link SessionFormatException} saying why when it is not this format. */
    PortableSession read(String text);

    /** The string form; a {@link SessionFormatException} when the session has something the format cannot hold. */
    String write(PortableSession session);
}
