package io.scriptgram.transport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The fake-TLS handshake of {@code ee} MTProxy secrets: both hellos, as pure functions.
 *
 * <p>Facts (layouts and constants, no code) from alexbers/mtprotoproxy {@code handle_fake_tls_handshake} and the
 * MTProxy readme: the ClientHello is one TLS record whose 32-byte random (offset 11) is HMAC-SHA256(key, the record
 * with that field zeroed), its last 4 bytes XORed with the client's unix time (little-endian). The server answers with
 * a ServerHello record (TLS 1.3 style: cipher 0x1301, key_share x25519, supported_versions 0x0304, the client's session
 * id echoed), a change_cipher_spec record and one application-data record of random bytes standing in for the
 * certificate; its random (offset 11) is HMAC-SHA256(key, client random || the whole answer with that field zeroed).
 * The accepted clock skew (-20 min .. +10 min) and the 517-byte hello are mtprotoproxy's and TDLib's numbers. The
 * ClientHello's extension list is our own Chrome-like choice: the proxy reads only the random, the session id and SNI.
 */
public final class FakeTls {
    private FakeTls() {}

    static final int RANDOM_OFFSET = 11;
    static final int RANDOM_LENGTH = 32;
    /** ClientHello record size clients send: a 5-byte record header and 512 bytes of handshake. */
    static final int CLIENT_HELLO_LENGTH = 517;

    static final int HANDSHAKE = 0x16;
    static final int CHANGE_CIPHER_SPEC = 0x14;
    static final int APPLICATION_DATA = 0x17;
    static final byte[] CHANGE_CIPHER_SPEC_RECORD = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};

    /** Seconds a client's clock may lag ours, and lead it. */
    static final long MAX_CLIENT_LAG = 20 * 60;

    static final long MAX_CLIENT_LEAD = 10 * 60;
    /** Longest domain the 517-byte hello has room for (the padding extension shrinks to zero). */
    static final int MAX_DOMAIN = 249;

    private static final byte[] CIPHER_SUITES = hex("130113021303c02bc02fc02cc030cca9cca8c013c014009c009d002f0035");
    private static final byte[] EXTENSIONS_BEFORE_KEY_SHARE = hex(
            "00170000" // extended_master_secret
                    + "ff01000100" // renegotiation_info
                    + "000a00080006001d00170018" // supported_groups: x25519, secp256r1, secp384r1
                    + "000b00020100" // ec_point_formats: uncompressed
                    + "00230000" // session_ticket
                    + "0010000e000c02683208687474702f312e31" // ALPN: h2, http/1.1
                    + "000500050100000000" // status_request
                    + "000d0012001004030804040105030805050108060601" // signature_algorithms
                    + "00120000"); // signed_certificate_timestamp
    private static final byte[] EXTENSIONS_AFTER_KEY_SHARE = hex(
            "002d00020101" // psk_key_exchange_modes
                    + "002b00050403040303"); // supported_versions: TLS 1.3, 1.2

    /** A ClientHello for {@code domain}, keyed with the 16-byte MTProxy key. */
    public static byte[] clientHello(byte[] key, String domain, RandomGenerator random, long unixSeconds) {
        byte[] host = domain.getBytes(StandardCharsets.US_ASCII);
        if (host.length == 0 || host.length > MAX_DOMAIN)
            throw new IllegalArgumentException(
                    "fake-TLS domain must be 1.." + MAX_DOMAIN + " bytes, got " + host.length);
        Out o = new Out(CLIENT_HELLO_LENGTH);
        o.bytes(0x16, 0x03, 0x01).u16(CLIENT_HELLO_LENGTH - 5);
        o.bytes(0x01).u24(CLIENT_HELLO_LENGTH - 9);
        o.bytes(0x03, 0x03);
        o.skip(RANDOM_LENGTH); // the HMAC goes here
        o.bytes(32).random(random, 32); // session id
        o.u16(CIPHER_SUITES.length).raw(CIPHER_SUITES);
        o.bytes(0x01, 0x00); // compression: null only
        int extensionsLengthAt = o.at;
        o.skip(2);
        int extensionsStart = o.at;
        o.u16(0x0000)
                .u16(host.length + 5)
                .u16(host.length + 3)
                .bytes(0x00)
                .u16(host.length)
                .raw(host); // SNI
        o.raw(EXTENSIONS_BEFORE_KEY_SHARE);
        o.u16(0x0033).u16(38).u16(36).u16(0x001d).u16(32).random(random, 32); // key_share: x25519
        o.raw(EXTENSIONS_AFTER_KEY_SHARE);
        int padding = CLIENT_HELLO_LENGTH - o.at - 4;
        o.u16(0x0015).u16(padding).skip(padding);
        o.setU16(extensionsLengthAt, o.at - extensionsStart);
        byte[] hello = o.done();
        byte[] digest = hmac(key, hello);
        int time = (int) unixSeconds;
        for (int i = 0; i < 4; i++) digest[28 + i] ^= (byte) (time >>> (8 * i));
        System.arraycopy(digest, 0, hello, RANDOM_OFFSET, RANDOM_LENGTH);
        return hello;
    }

    /** What a valid ClientHello gives the proxy: the client's random (it keys the answer) and its session id. */
    public record ClientHelloCheck(byte[] clientRandom, byte[] sessionId, String serverName) {}

    /**
     * Checks a complete ClientHello record against {@code key}: the HMAC, the clock and the SNI.
     *
     * @throws TransportException naming what is wrong (a wrong secret shows as an HMAC mismatch)
     */
    public static ClientHelloCheck checkClientHello(byte[] hello, byte[] key, String domain, long nowSeconds) {
        if (hello.length < 5 + 4 + 2 + RANDOM_LENGTH + 1 || (hello[0] & 0xff) != HANDSHAKE || (hello[5] & 0xff) != 1)
            throw new TransportException("fake-TLS: the first record is not a TLS ClientHello");
        byte[] sent = Arrays.copyOfRange(hello, RANDOM_OFFSET, RANDOM_OFFSET + RANDOM_LENGTH);
        byte[] zeroed = hello.clone();
        Arrays.fill(zeroed, RANDOM_OFFSET, RANDOM_OFFSET + RANDOM_LENGTH, (byte) 0);
        byte[] expected = hmac(key, zeroed);
        int diff = 0;
        for (int i = 0; i < 28; i++) diff |= (expected[i] ^ sent[i]);
        if (diff != 0) throw new TransportException("fake-TLS: the ClientHello's HMAC does not match (wrong secret)");
        long clientTime = 0;
        for (int i = 0; i < 4; i++) clientTime |= (long) ((expected[28 + i] ^ sent[28 + i]) & 0xff) << (8 * i);
        long lag = nowSeconds - clientTime;
        if (lag > MAX_CLIENT_LAG || lag < -MAX_CLIENT_LEAD) {
            throw new TransportException("fake-TLS: the client's clock is " + Math.abs(lag) + " s "
                    + (lag > 0 ? "behind" : "ahead of") + " ours (allowed: " + MAX_CLIENT_LAG + " s behind, "
                    + MAX_CLIENT_LEAD + " s ahead)");
        }
        Reader r = new Reader(hello, RANDOM_OFFSET + RANDOM_LENGTH);
        byte[] sessionId = r.bytes(r.u8());
        r.skip(r.u16()); // cipher suites
        r.skip(r.u8()); // compression methods
        String serverName = null;
        int extensionsLength = r.u16();
        int end = Math.min(hello.length, r.at + extensionsLength);
        while (r.at + 4 <= end) {
            int type = r.u16();
            int length = r.u16();
            if (type == 0x0000) {
                Reader sni = new Reader(r.bytes(length), 2);
                if (sni.u8() == 0) serverName = new String(sni.bytes(sni.u16()), StandardCharsets.US_ASCII);
            } else {
                r.skip(length);
            }
        }
        if (!domain.equalsIgnoreCase(serverName)) {
            throw new TransportException("fake-TLS: the ClientHello names "
                    + (serverName == null ? "no server" : "'" + serverName + "'") + ", the secret's domain is '"
                    + domain
                    + "'");
        }
        return new ClientHelloCheck(sent, sessionId, serverName);
    }

    /** The proxy's answer to a checked ClientHello: ServerHello, change_cipher_spec, and a fake certificate record. */
    public static byte[] serverHello(byte[] key, ClientHelloCheck client, RandomGenerator random) {
        int certificate = 1024 + random.nextInt(3072);
        int helloBody = 2 + RANDOM_LENGTH + 1 + client.sessionId().length + 2 + 1 + 2 + 46;
        Out o = new Out(5 + 4 + helloBody + CHANGE_CIPHER_SPEC_RECORD.length + 5 + certificate);
        o.bytes(0x16, 0x03, 0x03).u16(4 + helloBody);
        o.bytes(0x02).u24(helloBody);
        o.bytes(0x03, 0x03).skip(RANDOM_LENGTH);
        o.bytes(client.sessionId().length).raw(client.sessionId());
        o.u16(0x1301).bytes(0x00);
        o.u16(46)
                .u16(0x0033)
                .u16(36)
                .u16(0x001d)
                .u16(32)
                .random(random, 32)
                .u16(0x002b)
                .u16(2)
                .u16(0x0304);
        o.raw(CHANGE_CIPHER_SPEC_RECORD);
        o.bytes(0x17, 0x03, 0x03).u16(certificate).random(random, certificate);
        byte[] answer = o.done();
        System.arraycopy(hmac(key, client.clientRandom(), answer), 0, answer, RANDOM_OFFSET, RANDOM_LENGTH);
        return answer;
    }

    /**
     * How many bytes the proxy's answer takes (ServerHello, change_cipher_spec, one application-data record), or -1
     * while fewer than that are in {@code buf[0..available)}.
     *
     * @throws TransportException the bytes cannot be that answer
     */
    static int serverHelloLength(byte[] buf, int available) {
        if (available < 5) return -1;
        if ((buf[0] & 0xff) != HANDSHAKE || buf[1] != 3 || buf[2] != 3)
            throw new TransportException(String.format(
                    "fake-TLS: the proxy answered %02x %02x %02x, not a TLS ServerHello record (not an MTProxy?)",
                    buf[0], buf[1], buf[2]));
        int at = 5 + u16(buf, 3);
        if (available < at + CHANGE_CIPHER_SPEC_RECORD.length + 5) return -1;
        if (!Arrays.equals(buf, at, at + 6, CHANGE_CIPHER_SPEC_RECORD, 0, 6))
            throw new TransportException("fake-TLS: no change_cipher_spec record after the proxy's ServerHello");
        at += CHANGE_CIPHER_SPEC_RECORD.length;
        if ((buf[at] & 0xff) != APPLICATION_DATA || buf[at + 1] != 3 || buf[at + 2] != 3)
            throw new TransportException("fake-TLS: no application-data record after the proxy's change_cipher_spec");
        at += 5 + u16(buf, at + 3);
        return available < at ? -1 : at;
    }

    /**
     * Checks that the proxy's answer carries our key's HMAC over our random.
     *
     * @throws TransportException it does not: a wrong secret, or a real TLS server behind the address
     */
    static void verifyServerHello(byte[] key, byte[] clientRandom, byte[] answer) {
        byte[] zeroed = answer.clone();
        Arrays.fill(zeroed, RANDOM_OFFSET, RANDOM_OFFSET + RANDOM_LENGTH, (byte) 0);
        byte[] expected = hmac(key, clientRandom, zeroed);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(answer, RANDOM_OFFSET, RANDOM_OFFSET + RANDOM_LENGTH)))
            throw new TransportException(
                    "fake-TLS: the proxy's ServerHello does not carry our secret's HMAC (wrong secret, or not an MTProxy)");
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) mac.update(p);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks HmacSHA256", e);
        }
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return out;
    }

    /** A fixed-size big-endian writer. */
    private static final class Out {
        final byte[] b;
        int at;

        Out(int size) {
            b = new byte[size];
        }

        Out bytes(int... v) {
            for (int x : v) b[at++] = (byte) x;
            return this;
        }

        Out u16(int v) {
            setU16(at, v);
            at += 2;
            return this;
        }

        Out u24(int v) {
            b[at++] = (byte) (v >>> 16);
            return u16(v & 0xffff);
        }

        void setU16(int where, int v) {
            b[where] = (byte) (v >>> 8);
            b[where + 1] = (byte) v;
        }

        Out raw(byte[] v) {
            System.arraycopy(v, 0, b, at, v.length);
            at += v.length;
            return this;
        }

        Out random(RandomGenerator r, int n) {
            byte[] x = new byte[n];
            r.nextBytes(x);
            return raw(x);
        }

        Out skip(int n) {
            at += n;
            return this;
        }

        byte[] done() {
            if (at != b.length)
                throw new IllegalStateException("fake-TLS record is " + at + " bytes, planned " + b.length);
            return b;
        }
    }

    /** A bounds-checked big-endian reader: a short or lying hello is a clear refusal, never an index error. */
    private static final class Reader {
        final byte[] b;
        int at;

        Reader(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        private void need(int n) {
            if (n < 0 || at + n > b.length)
                throw new TransportException("fake-TLS: the ClientHello is cut short at byte " + at);
        }

        int u8() {
            need(1);
            return b[at++] & 0xff;
        }

        int u16() {
            need(2);
            int v = FakeTls.u16(b, at);
            at += 2;
            return v;
        }

        byte[] bytes(int n) {
            need(n);
            byte[] out = Arrays.copyOfRange(b, at, at + n);
            at += n;
            return out;
        }

        void skip(int n) {
            need(n);
            at += n;
        }
    }
}
