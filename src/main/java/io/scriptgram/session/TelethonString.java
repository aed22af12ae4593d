package io.scriptgram.session;

import java.nio.ByteBuffer;

/**
 * Telethon's {@code StringSession}: the character '1', then URL-safe base64 (padded) of the big-endian struct
 * {@code >B{4|16}sH256s}: DC id, the packed IPv4 or IPv6 address, port, auth key. Layout from Telethon's
 * {@code telethon/sessions/string.py} ({@code CURRENT_VERSION = '1'}, {@code _STRUCT_PREFORMAT}).
 */
final class TelethonString implements SessionCodec {
    private static final int V4_SIZE = 1 + 4 + 2 + 256;
    private static final int V6_SIZE = 1 + 16 + 2 + 256;

    @Override
    public SessionFormat format() {
        return SessionFormat.TELETHON;
    }

    @Override
    public PortableSession read(String text) {
        String s = text.strip();
        if (!s.startsWith("1")) throw new SessionFormatException("does not start with version '1'");
        byte[] raw = Base64s.decodeAny(s.substring(1));
        if (raw == null) throw new SessionFormatException("is not base64 after the version");
        if (raw.length != V4_SIZE && raw.length != V6_SIZE)
            throw new SessionFormatException(
                    "holds " + raw.length + " bytes, not " + V4_SIZE + " (IPv4) or " + V6_SIZE + " (IPv6)");
        ByteBuffer b = ByteBuffer.wrap(raw);
        int dc = b.get() & 0xFF;
        byte[] ip = new byte[raw.length == V4_SIZE ? 4 : 16];
        b.get(ip);
        int port = b.getShort() & 0xFFFF;
        byte[] key = new byte[256];
        b.get(key);
        return PortableSession.of(format(), dc, IpBytes.text(ip), port, false, key, null, null);
    }

    @Override
    public String write(PortableSession s) {
        PortableSession a = KnownDcs.withAddress(s);
        if (a.dcId() > 255) throw new SessionFormatException("Telethon keeps the DC id in one byte");
        byte[] ip = IpBytes.packed(a.host(), format().label());
        ByteBuffer b = ByteBuffer.allocate(1 + ip.length + 2 + 256);
        b.put((byte) a.dcId()).put(ip).putShort((short) a.port()).put(a.authKey());
        return "1" + Base64s.urlSafe(b.array(), true);
    }
}
