package io.scriptgram.session;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Pyrogram's session strings: URL-safe base64 without padding of a packed struct. Pyrogram has published four layouts
 * (from {@code pyrogram/storage/storage.py} for 1.x and 2.x, and 0.x's {@code StringSessionStorage}):
 *
 * <ul>
 *   <li>2.x, {@code >BI?256sQ?}: DC id, api_id, test mode, auth key, user id (64-bit), is bot: 271 bytes;
 *   <li>1.x with 64-bit user ids, {@code >B?256sQ?}: 267 bytes;
 *   <li>1.x, {@code >B?256sI?}: 32-bit user id, 263 bytes;
 *   <li>0.x, the character ':' and then little-endian {@code <B?q?256s}: DC id, test mode, user id, is bot, auth key
 *       (267 bytes).
 * </ul>
 *
 * A Pyrogram string has no address: {@link KnownDcs} supplies it on import. We write the 2.x layout.
 */
final class PyrogramString implements SessionCodec {
    /** Which published layout a string used. */
    enum Layout {
        V2(271),
        V1_64(267),
        V1(263),
        V0(267);

        final int size;

        Layout(int size) {
            this.size = size;
        }
    }

    @Override
    public SessionFormat format() {
        return SessionFormat.PYROGRAM;
    }

    @Override
    public PortableSession read(String text) {
        String s = text.strip();
        boolean v0 = s.startsWith(":");
        if (v0) s = s.substring(1);
        if (s.contains("=") || s.contains("+") || s.contains("/"))
            throw new SessionFormatException("is not unpadded URL-safe base64");
        byte[] raw = Base64s.decodeAny(s);
        if (raw == null) throw new SessionFormatException("is not base64");
        if (v0) {
            if (raw.length != Layout.V0.size)
                throw new SessionFormatException("starts with ':' (0.x) but holds " + raw.length + " bytes, not 267");
            return v0(raw);
        }
        return switch (raw.length) {
            case 271 -> v2(raw);
            case 267 -> v1(raw, true);
            case 263 -> v1(raw, false);
            default ->
                throw new SessionFormatException(
                        "holds " + raw.length + " bytes, not 271 (2.x), 267 (1.x, 64-bit user ids) or 263 (1.x)");
        };
    }

    /** Which layout {@code text} uses (for messages and tests); assumes {@link #read} accepted it. */
    static Layout layoutOf(String text) {
        String s = text.strip();
        if (s.startsWith(":")) return Layout.V0;
        byte[] raw = Base64s.decodeAny(s);
        if (raw == null) throw new SessionFormatException("is not base64");
        return switch (raw.length) {
            case 271 -> Layout.V2;
            case 267 -> Layout.V1_64;
            default -> Layout.V1;
        };
    }

    private PortableSession v2(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw);
        int dc = b.get() & 0xFF;
        int apiId = b.getInt();
        boolean test = bool(b.get(), "test mode");
        byte[] key = new byte[256];
        b.get(key);
        long user = b.getLong();
        boolean bot = bool(b.get(), "is bot");
        PortableSession p = PortableSession.of(format(), dc, null, 0, test, key, user == 0 ? null : user, bot);
        return new PortableSession(
                p.format(), dc, null, 0, test, key, p.userId(), bot, apiId == 0 ? null : apiId, null, null, null);
    }

    private PortableSession v1(byte[] raw, boolean wideUser) {
        ByteBuffer b = ByteBuffer.wrap(raw);
        int dc = b.get() & 0xFF;
        boolean test = bool(b.get(), "test mode");
        byte[] key = new byte[256];
        b.get(key);
        long user = wideUser ? b.getLong() : Integer.toUnsignedLong(b.getInt());
        boolean bot = bool(b.get(), "is bot");
        return PortableSession.of(format(), dc, null, 0, test, key, user == 0 ? null : user, bot);
    }

    private PortableSession v0(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int dc = b.get() & 0xFF;
        boolean test = bool(b.get(), "test mode");
        long user = b.getLong();
        boolean bot = bool(b.get(), "is bot");
        byte[] key = new byte[256];
        b.get(key);
        return PortableSession.of(format(), dc, null, 0, test, key, user == 0 ? null : user, bot);
    }

    private static boolean isBool(byte b) {
        return b == 0 || b == 1;
    }

    private static boolean bool(byte b, String what) {
        if (!isBool(b)) throw new SessionFormatException("its " + what + " flag is " + (b & 0xFF) + ", not 0 or 1");
        return b == 1;
    }

    @Override
    public String write(PortableSession s) {
        if (s.dcId() > 255) throw new SessionFormatException("Pyrogram keeps the DC id in one byte");
        ByteBuffer b = ByteBuffer.allocate(Layout.V2.size);
        b.put((byte) s.dcId())
                .putInt(s.apiId() == null ? 0 : s.apiId())
                .put((byte) (s.test() ? 1 : 0))
                .put(s.authKey())
                .putLong(s.userId() == null ? 0 : s.userId())
                .put((byte) (Boolean.TRUE.equals(s.bot()) ? 1 : 0));
        return Base64s.urlSafe(b.array(), false);
    }
}
