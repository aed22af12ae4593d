package io.scriptgram.crypto;

import java.math.BigInteger;

/**
 * Splits the 64-bit pq of resPQ into its two prime factors p &lt; q (the client's proof of work). Pollard-Brent rho on
 * longs with Montgomery multiplication: a few milliseconds for a product of two 32-bit primes.
 */
public final class PqFactor {
    private static final int BATCH = 128;
    private static final long MAX_STEPS = 1L << 26;

    private PqFactor() {}

    /** The factors of {@code pq}, smaller first. */
    public record Factors(long p, long q) {}

    /** @throws CryptoException pq is not positive, is below 4, is prime, or is not a product of exactly two primes */
    public static Factors factor(long pq) {
        if (pq < 4) throw new CryptoException("pq must be a positive product of two primes, got " + pq);
        if (isPrime(pq))
            throw new CryptoException("pq " + Long.toUnsignedString(pq) + " is prime; it has no factors p, q");
        long d = (pq & 1) == 0 ? 2 : rho(pq);
        long p = Math.min(d, pq / d);
        long q = pq / p;
        if (!isPrime(p) || !isPrime(q)) {
            throw new CryptoException("pq " + pq + " is not a product of two primes (" + p + " * " + q + ")");
        }
        return new Factors(p, q);
    }

    static boolean isPrime(long n) {
        return BigInteger.valueOf(n).isProbablePrime(64);
    }

    /** A non-trivial factor of odd composite n (n below 2^63). */
    private static long rho(long n) {
        Montgomery m = new Montgomery(n);
        for (long c = 1; c < 64; c++) {
            long f = brent(n, m, m.to(c), m.to(2));
            if (f != 0) return f;
        }
        throw new CryptoException("pq " + n + " could not be factored");
    }

    /** Brent's cycle finding with batched gcds over x -> x^2 + c; 0 when this c fails. */
    private static long brent(long n, Montgomery m, long c, long y0) {
        long y = y0, x = y0, ys = y0, prod = m.one, g = 1;
        long r = 1, steps = 0;
        while (g == 1) {
            x = y;
            for (long i = 0; i < r; i++) y = m.add(m.mul(y, y), c);
            long k = 0;
            while (k < r && g == 1) {
                ys = y;
                long lim = Math.min(BATCH, r - k);
                for (long i = 0; i < lim; i++) {
                    y = m.add(m.mul(y, y), c);
                    prod = m.mul(prod, Math.abs(x - y));
                }
                g = gcd(prod, n);
                k += lim;
            }
            r <<= 1;
            steps += r;
            if (steps > MAX_STEPS) return 0;
        }
        if (g == n) {
            // The batch overshot: step one at a time from its start.
            do {
                ys = m.add(m.mul(ys, ys), c);
                g = gcd(Math.abs(x - ys), n);
            } while (g == 1);
        }
        return g == n ? 0 : g;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return Math.abs(a);
    }

    /** Montgomery arithmetic modulo an odd n below 2^63, with R = 2^64. */
    private static final class Montgomery {
        final long n;
        final long nInv; // -n^-1 mod 2^64
        final long one;
        final long r2; // R^2 mod n

        Montgomery(long n) {
            this.n = n;
            long inv = n; // Newton: each step doubles the correct low bits
            for (int i = 0; i < 6; i++) inv *= 2 - n * inv;
            this.nInv = -inv;
            BigInteger bn = BigInteger.valueOf(n);
            this.one = BigInteger.ONE.shiftLeft(64).mod(bn).longValue();
            this.r2 = BigInteger.ONE.shiftLeft(128).mod(bn).longValue();
        }

        long to(long x) {
            return mul(x % n, r2);
        }

        long mul(long a, long b) {
            long lo = a * b;
            long hi = Math.unsignedMultiplyHigh(a, b);
            long t = lo * nInv;
            long th = Math.unsignedMultiplyHigh(t, n);
            long res = hi + th + (lo != 0 ? 1 : 0);
            return Long.compareUnsigned(res, n) >= 0 ? res - n : res;
        }

        long add(long a, long b) {
            long s = a + b; // both below n < 2^63: no overflow of the unsigned sum
            return Long.compareUnsigned(s, n) >= 0 ? s - n : s;
        }
    }
}
