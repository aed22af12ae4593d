package io.scriptgram.session;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Our portable session string: {@code sg1:} and URL-safe base64 (no padding) of, big-endian:
 *
 * <pre>
 * byte   version (1)
 * byte   flags: 1 test servers, 2 has user, 4 user is a bot
 * short  DC id
 * byte   address length, then the address (ASCII: an IP address or a host name)
 * short  port (unsigned)
 * 256    auth key
 * long   user id (when flag 2)
 * 4      the first 4 bytes of SHA-256 over everything before them
 * </pre>
 *
 * The checksum turns a mistyped or cut string into "corrupted" rather than a wrong key.
 */
final class OurSessionString implements SessionCodec {
    static final String PREFIX = "sg1:";
    private static final int VERSION = 1;

    @Override
    public SessionFormat format() {
        return SessionFormat.OURS;
    }

    @Override
    public PortableSession read(String text) {
        String s = text.strip();
        if (!s.startsWith(PREFIX)) throw new SessionFormatException("does not start with '" + PREFIX + "'");
        byte[] raw = Base64s.decodeAny(s.substring(PREFIX.length()));
        if (raw == null) throw new SessionFormatException("is not base64 after '" + PREFIX + "'");
        if (raw.length < 1 + 1 + 2 + 1 + 2 + 256 + 4)
            throw new SessionFormatException("is too short (" + raw.length + " bytes): truncated?");
        byte[] body = Arrays.copyOf(raw, raw.length - 4);
        if (!Arrays.equals(checksum(body), Arrays.copyOfRange(raw, raw.length - 4, raw.length)))
            throw new SessionFormatException("fails its checksum: the string is corrupted or incomplete");
        ByteBuffer b = ByteBuffer.wrap(body);
        try {
            int version = b.get() & 0xFF;
            if (version != VERSION)
                throw new SessionFormatException(
                        "has version " + version + "; this Scriptgram reads version " + VERSION);
            int flags = b.get() & 0xFF;
            int dc = b.getShort() & 0xFFFF;
            byte[] host = new byte[b.get() & 0xFF];
            b.get(host);
            int port = b.getShort() & 0xFFFF;
            byte[] key = new byte[256];
            b.get(key);
            Long user = (flags & 2) != 0 ? b.getLong() : null;
            if (b.hasRemaining()) throw new SessionFormatException("has " + b.remaining() + " unexpected bytes");
            return PortableSession.of(
                    format(),
                    dc,
                    new String(host, StandardCharsets.US_ASCII),
                    port,
                    (flags & 1) != 0,
                    key,
                    user,
                    user == null ? null : (flags & 4) != 0);
        } catch (BufferUnderflowException e) {
            throw new SessionFormatException("ends early: truncated?");
        }
    }

    @Override
    public String write(PortableSession s) {
        PortableSession a = KnownDcs.withAddress(s);
        byte[] host = a.host().getBytes(StandardCharsets.US_ASCII);
        if (host.length > 255) throw new SessionFormatException("the address is longer than 255 characters");
        boolean user = a.userId() != null;
        ByteBuffer b = ByteBuffer.allocate(1 + 1 + 2 + 1 + host.length + 2 + 256 + (user ? 8 : 0));
        b.put((byte) VERSION)
                .put((byte) ((a.test() ? 1 : 0) | (user ? 2 : 0) | (Boolean.TRUE.equals(a.bot()) ? 4 : 0)))
                .putShort((short) a.dcId())
                .put((byte) host.length)
                .put(host)
                .putShort((short) a.port())
                .put(a.authKey());
        if (user) b.putLong(a.userId());
        byte[] body = b.array();
        byte[] all = Arrays.copyOf(body, body.length + 4);
        System.arraycopy(checksum(body), 0, all, body.length, 4);
        return PREFIX + Base64s.urlSafe(all, false);
    }

    private static byte[] checksum(byte[] body) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
