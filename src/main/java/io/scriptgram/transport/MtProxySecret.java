package io.scriptgram.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An MTProxy secret, split into what it means. The 16-byte key is mixed into the obfuscated2 keys of every kind. The
 * first byte says how the client must talk to the proxy (facts from the MTProxy readme and TDLib's ProxySecret):
 *
 * <ul>
 *   <li>16 bytes: plain obfuscated2, any framing inside;
 *   <li>{@code dd} + 16 bytes: obfuscated2 with padded intermediate framing only ("random padding");
 *   <li>{@code ee} + 16 bytes + a domain: fake-TLS around padded intermediate; the domain goes in the ClientHello's
 *       SNI.
 * </ul>
 */
public record MtProxySecret(Kind kind, byte[] key, String domain) {
    public enum Kind {
        PLAIN,
        DD,
        EE
    }

    static final int KEY_LENGTH = 16;

    public MtProxySecret {
        Objects.requireNonNull(kind, "kind");
        if (key == null || key.length != KEY_LENGTH) throw new IllegalArgumentException("an MTProxy key is 16 bytes");
        key = key.clone();
        if (kind == Kind.EE) {
            if (domain == null || domain.isEmpty())
                throw new IllegalArgumentException("an ee (fake-TLS) secret names a domain after its 16-byte key");
        } else if (domain != null) {
            throw new IllegalArgumentException("only an ee secret carries a domain");
        }
    }

    /** The secret as proxies publish it, decoded to bytes (hex or base64 already undone). */
    public static MtProxySecret of(byte[] raw) {
        Objects.requireNonNull(raw, "secret");
        if (raw.length == KEY_LENGTH) return new MtProxySecret(Kind.PLAIN, raw, null);
        int first = raw.length == 0 ? -1 : raw[0] & 0xff;
        if (first == 0xdd && raw.length == KEY_LENGTH + 1)
            return new MtProxySecret(Kind.DD, Arrays.copyOfRange(raw, 1, 1 + KEY_LENGTH), null);
        if (first == 0xee && raw.length > KEY_LENGTH + 1) {
            byte[] host = Arrays.copyOfRange(raw, 1 + KEY_LENGTH, raw.length);
            for (byte b : host) {
                if (b <= 0x20 || b >= 0x7f)
                    throw new IllegalArgumentException("the domain of an ee secret must be printable ASCII");
            }
            return new MtProxySecret(
                    Kind.EE, Arrays.copyOfRange(raw, 1, 1 + KEY_LENGTH), new String(host, StandardCharsets.US_ASCII));
        }
        throw new IllegalArgumentException(
                "an MTProxy secret is 16 bytes, dd + 16 bytes, or ee + 16 bytes + a domain; got " + raw.length
                        + " bytes" + (raw.length > 0 ? String.format(" starting with %02x", first) : ""));
    }

    /** The bytes a proxy link carries (kind prefix, key, domain). */
    public byte[] raw() {
        byte[] d = domain == null ? new byte[0] : domain.getBytes(StandardCharsets.US_ASCII);
        int prefix = kind == Kind.PLAIN ? 0 : 1;
        byte[] out = new byte[prefix + KEY_LENGTH + d.length];
        if (kind == Kind.DD) out[0] = (byte) 0xdd;
        if (kind == Kind.EE) out[0] = (byte) 0xee;
        System.arraycopy(key, 0, out, prefix, KEY_LENGTH);
        System.arraycopy(d, 0, out, prefix + KEY_LENGTH, d.length);
        return out;
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** What a log may show: the kind and the domain, never the key. */
    public String describe() {
        return switch (kind) {
            case PLAIN -> "plain";
            case DD -> "dd";
            case EE -> "ee, fake-TLS as " + domain;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MtProxySecret s
                && s.kind == kind
                && Arrays.equals(s.key, key)
                && Objects.equals(s.domain, domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(key), domain);
    }

    // The key is a credential.
    @Override
    public String toString() {
        return "MtProxySecret[" + describe() + "]";
    }
}
