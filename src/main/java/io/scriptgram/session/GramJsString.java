package io.scriptgram.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * GramJS's {@code StringSession}: the character '1', then standard base64 of DC id (1 byte), the address length (int16
 * big-endian), the address as text, the port (int16 big-endian, signed: GramJS writes it with {@code writeInt16BE}),
 * and the auth key. Layout from GramJS's {@code gramjs/sessions/StringSession.ts} ({@code save()}).
 */
final class GramJsString implements SessionCodec {
    @Override
    public SessionFormat format() {
        return SessionFormat.GRAMJS;
    }

    @Override
    public PortableSession read(String text) {
        String s = text.strip();
        if (!s.startsWith("1")) throw new SessionFormatException("does not start with version '1'");
        byte[] raw = Base64s.decodeAny(s.substring(1));
        if (raw == null) throw new SessionFormatException("is not base64 after the version");
        if (raw.length < 1 + 2 + 1 + 2 + 256)
            throw new SessionFormatException("is too short (" + raw.length + " bytes)");
        ByteBuffer b = ByteBuffer.wrap(raw);
        int dc = b.get() & 0xFF;
        int len = b.getShort();
        if (len < 1 || 1 + 2 + len + 2 + 256 != raw.length)
            throw new SessionFormatException(
                    "its address length (" + len + ") does not fit its size (" + raw.length + " bytes)");
        byte[] addr = new byte[len];
        b.get(addr);
        String host = new String(addr, StandardCharsets.UTF_8);
        if (!host.matches("[0-9A-Za-z.:\\-]+"))
            throw new SessionFormatException("its address is not a host name or IP address");
        int port = b.getShort() & 0xFFFF; // GramJS writes it signed; read the bits back as the port they were
        byte[] key = new byte[256];
        b.get(key);
        return PortableSession.of(format(), dc, host, port, false, key, null, null);
    }

    @Override
    public String write(PortableSession s) {
        PortableSession a = KnownDcs.withAddress(s);
        if (a.port() > Short.MAX_VALUE)
            throw new SessionFormatException("GramJS writes the port as a signed 16-bit number, so port " + a.port()
                    + " cannot be expressed; give the sandbox a port below 32768");
        if (a.dcId() > 255) throw new SessionFormatException("GramJS keeps the DC id in one byte");
        byte[] addr = a.host().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 2 + addr.length + 2 + 256);
        b.put((byte) a.dcId())
                .putShort((short) addr.length)
                .put(addr)
                .putShort((short) a.port())
                .put(a.authKey());
        return "1" + Base64s.standard(b.array());
    }
}
