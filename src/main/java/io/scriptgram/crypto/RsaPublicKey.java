package io.scriptgram.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Primitive;

/**
 * An RSA public key (n, e) as MTProto uses it: read from a PKCS#1 PEM block ("BEGIN RSA PUBLIC KEY"), identified by its
 * fingerprint, and applied as raw RSA (no padding scheme of its own).
 */
public final class RsaPublicKey {
    static final String PEM_TYPE = "RSA PUBLIC KEY";

    private final BigInteger n;
    private final BigInteger e;
    private final long fingerprint;

    public RsaPublicKey(BigInteger n, BigInteger e) {
        Objects.requireNonNull(n, "n");
        Objects.requireNonNull(e, "e");
        if (n.signum() <= 0 || e.signum() <= 0) throw new CryptoException("RSA modulus and exponent must be positive");
        if (e.compareTo(n) >= 0) throw new CryptoException("RSA exponent must be below the modulus");
        this.n = n;
        this.e = e;
        this.fingerprint = computeFingerprint(n, e);
    }

    public static RsaPublicKey of(RSAPublicKey key) {
        return new RsaPublicKey(key.getModulus(), key.getPublicExponent());
    }

    /** Parses one PKCS#1 public key in PEM ("-----BEGIN RSA PUBLIC KEY-----"). Text around the block is ignored. */
    public static RsaPublicKey fromPem(String pem) {
        byte[] der = Pem.decode(pem, PEM_TYPE);
        try {
            org.bouncycastle.asn1.pkcs.RSAPublicKey k =
                    org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(ASN1Primitive.fromByteArray(der));
            return new RsaPublicKey(k.getModulus(), k.getPublicExponent());
        } catch (IOException | IllegalArgumentException | IllegalStateException ex) {
            throw new CryptoException(
                    "RSA PUBLIC KEY block is not a PKCS#1 RSAPublicKey (SEQUENCE of n, e): " + ex.getMessage(), ex);
        }
    }

    /** The PKCS#1 PEM text of this key. */
    public String toPem() {
        try {
            return Pem.encode(PEM_TYPE, new org.bouncycastle.asn1.pkcs.RSAPublicKey(n, e).getEncoded("DER"));
        } catch (IOException ex) {
            throw new CryptoException("cannot DER-encode RSA public key", ex);
        }
    }

    public BigInteger modulus() {
        return n;
    }

    public BigInteger exponent() {
        return e;
    }

    /** Size of the modulus in bytes (256 for Telegram's 2048-bit keys). */
    public int sizeBytes() {
        return (n.bitLength() + 7) / 8;
    }

    /**
     * The key's MTProto fingerprint: the low 64 bits of SHA1(TL bytes n + TL bytes e), i.e. SHA-1 bytes 12..19 read
     * little-endian.
     */
    public long fingerprint() {
        return fingerprint;
    }

    /** Raw RSA: x^e mod n, x below n. */
    public BigInteger apply(BigInteger x) {
        if (x.signum() < 0 || x.compareTo(n) >= 0) throw new CryptoException("RSA input must be in [0, n)");
        return x.modPow(e, n);
    }

    private static long computeFingerprint(BigInteger n, BigInteger e) {
        byte[] sha = Sha.sha1(tlBytes(BigInts.unsigned(n)), tlBytes(BigInts.unsigned(e)));
        return AuthKey.le64(sha, 12);
    }

    /** TL "bytes" serialization: length prefix (1 byte, or 0xfe + 3 bytes) and padding to 4. */
    static byte[] tlBytes(byte[] b) {
        int head = b.length < 254 ? 1 : 4;
        int total = (head + b.length + 3) & ~3;
        byte[] out = new byte[total];
        if (head == 1) {
            out[0] = (byte) b.length;
        } else {
            out[0] = (byte) 0xfe;
            out[1] = (byte) b.length;
            out[2] = (byte) (b.length >>> 8);
            out[3] = (byte) (b.length >>> 16);
        }
        System.arraycopy(b, 0, out, head, b.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RsaPublicKey k && k.n.equals(n) && k.e.equals(e);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }

    @Override
    public String toString() {
        return "RsaPublicKey[" + n.bitLength() + " bits, fingerprint=" + String.format("%016x", fingerprint) + "]";
    }
}
