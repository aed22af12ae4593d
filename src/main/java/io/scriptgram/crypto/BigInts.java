package io.scriptgram.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/** Big-endian unsigned conversions between BigInteger and byte arrays. */
public final class BigInts {
    private BigInts() {}

    /** The minimal unsigned big-endian bytes of a non-negative number (BigInteger's sign byte dropped). */
    public static byte[] unsigned(BigInteger x) {
        if (x.signum() < 0) throw new CryptoException("negative number has no unsigned form");
        byte[] b = x.toByteArray();
        return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** Exactly {@code size} unsigned big-endian bytes, left-padded with zeros. */
    public static byte[] unsigned(BigInteger x, int size) {
        byte[] b = unsigned(x);
        if (b.length > size) throw new CryptoException("number needs " + b.length + " bytes, more than " + size);
        byte[] out = new byte[size];
        System.arraycopy(b, 0, out, size - b.length, b.length);
        return out;
    }

    /** The unsigned big-endian number in {@code b}. */
    public static BigInteger toBigInteger(byte[] b) {
        return new BigInteger(1, b);
    }
}
