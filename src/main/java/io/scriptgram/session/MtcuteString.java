package io.scriptgram.session;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * mtcute's session string, versions 2 and 3 (the one mtcute 0.2x writes), from
 * {@code packages/core/src/highlevel/utils/string-session.ts} and {@code utils/dcs.ts}: URL-safe base64 without padding
 * of the version byte, then little-endian TL: int flags (1: has self, 2: test mode in version 2, 4: a separate media
 * DC), bytes primary DC, [bytes media DC], [int53 user id (8 bytes), Bool is bot], bytes auth key. A DC is bytes of
 * [version 1 or 2, DC id, flags (1: IPv6, 2: media only, 4: test)], string address, int port.
 */
final class MtcuteString implements SessionCodec {
    private static final int BOOL_TRUE = 0x997275b5;
    private static final int BOOL_FALSE = 0xbc799737;

    @Override
    public SessionFormat format() {
        return SessionFormat.MTCUTE;
    }

    @Override
    public PortableSession read(String text) {
        String s = text.strip();
        if (s.contains("=") || s.contains("+") || s.contains("/"))
            throw new SessionFormatException("is not unpadded URL-safe base64");
        byte[] raw = Base64s.decodeAny(s);
        if (raw == null) throw new SessionFormatException("is not base64");
        if (raw.length < 8) throw new SessionFormatException("is too short (" + raw.length + " bytes)");
        int version = raw[0] & 0xFF;
        if (version == 1)
            throw new SessionFormatException(
                    "is an mtcute string of version 1 (before mtcute 0.1x), which is not read");
        if (version != 2 && version != 3)
            throw new SessionFormatException("starts with version " + version + ", not 2 or 3");
        ByteBuffer b = ByteBuffer.wrap(raw, 1, raw.length - 1).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int flags = b.getInt();
            Dc main = dc(TlBytes.read(b, "primary DC"));
            if ((flags & 4) != 0) dc(TlBytes.read(b, "media DC")); // media DC: the primary one is what we need
            boolean test = main.test || (flags & 2) != 0;
            Long user = null;
            Boolean bot = null;
            if ((flags & 1) != 0) {
                user = b.getLong();
                int bool = b.getInt();
                if (bool != BOOL_TRUE && bool != BOOL_FALSE)
                    throw new SessionFormatException("has no Bool after its user id");
                bot = bool == BOOL_TRUE;
            }
            byte[] key = TlBytes.read(b, "auth key");
            if (b.hasRemaining())
                throw new SessionFormatException("has " + b.remaining() + " bytes after its auth key");
            return PortableSession.of(format(), main.id, main.host, main.port, test, key, user, bot);
        } catch (BufferUnderflowException e) {
            throw new SessionFormatException("ends early (truncated?)");
        }
    }

    private record Dc(int id, String host, int port, boolean test) {}

    private static Dc dc(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 3) throw new SessionFormatException("has a DC entry of " + data.length + " bytes");
        int version = b.get() & 0xFF;
        int id = b.get() & 0xFF;
        int flags = b.get() & 0xFF;
        if (version != 1 && version != 2) throw new SessionFormatException("has a DC entry of version " + version);
        String host = new String(TlBytes.read(b, "DC address"), StandardCharsets.UTF_8);
        int port = b.getInt();
        return new Dc(id, host, port, version == 2 && (flags & 4) != 0);
    }

    @Override
    public String write(PortableSession s) {
        PortableSession a = KnownDcs.withAddress(s);
        if (a.dcId() > 255) throw new SessionFormatException("mtcute keeps the DC id in one byte");
        ByteArrayOutputStream dc = new ByteArrayOutputStream();
        dc.write(2);
        dc.write(a.dcId());
        dc.write((a.host().contains(":") ? 1 : 0) | (a.test() ? 4 : 0));
        TlBytes.write(dc, a.host().getBytes(StandardCharsets.UTF_8));
        TlBytes.writeInt(dc, a.port());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(3);
        boolean self = a.userId() != null;
        TlBytes.writeInt(out, self ? 1 : 0);
        TlBytes.write(out, dc.toByteArray());
        if (self) {
            TlBytes.writeLong(out, a.userId());
            TlBytes.writeInt(out, Boolean.TRUE.equals(a.bot()) ? BOOL_TRUE : BOOL_FALSE);
        }
        TlBytes.write(out, a.authKey());
        return Base64s.urlSafe(out.toByteArray(), false);
    }
}
