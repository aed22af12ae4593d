package io.scriptgram.crypto;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Diffie–Hellman parameter checks Telegram requires of a client (core.telegram.org/mtproto/auth_key, "DH key
 * exchange complete", and /mtproto/security_guidelines): a 2048-bit safe prime with a generator in 2..7 that generates
 * the subgroup of order (p−1)/2, and public values g_a / g_b / SRP A / B kept away from the ends of the range. Every
 * failure is a {@link CryptoException} naming the check.
 */
public final class DhChecks {
    /**
     * Telegram's 2048-bit safe prime, the one its servers send in server_DH_inner_data and account.password (hex as
     * given in gotd/td internal/crypto/check_gp_test.go, from core.telegram.org/mtproto/auth_key).
     */
    public static final BigInteger KNOWN_PRIME = new BigInteger(
            1,
            HexFormat.of()
                    .parseHex("c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f"
                            + "48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c37"
                            + "20fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64"
                            + "2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4"
                            + "a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754"
                            + "fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4"
                            + "e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f"
                            + "0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b"));

    public static final int PRIME_BITS = 2048;

    /** Miller–Rabin certainty: error below 2^-64, as TDLib and gotd use. */
    private static final int CERTAINTY = 64;

    /** 2^(2048−64): the security guidelines' margin at both ends of the public-value range. */
    private static final BigInteger MARGIN = BigInteger.ONE.shiftLeft(PRIME_BITS - 64);

    /** Primes that passed the slow safe-prime test; bounded, least recently used evicted. */
    private static final int CACHE_SIZE = 16;

    private static final Map<BigInteger, Boolean> VERIFIED = new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BigInteger, Boolean> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private DhChecks() {}

    /**
     * Checks dh_prime and g: p has exactly 2048 bits, g is in 2..7 and its residue condition holds so that g generates
     * the subgroup of order (p−1)/2, and p and (p−1)/2 are both prime (skipped for {@link #KNOWN_PRIME} and for primes
     * already verified by this process).
     */
    public static void checkPrimeAndGenerator(BigInteger dhPrime, int g) {
        if (dhPrime == null) throw new CryptoException("dh_prime check: dh_prime is missing");
        if (dhPrime.signum() <= 0 || dhPrime.bitLength() != PRIME_BITS) {
            throw new CryptoException("dh_prime check: dh_prime must be a " + PRIME_BITS + "-bit number, got "
                    + (dhPrime.signum() <= 0 ? "a non-positive number" : dhPrime.bitLength() + " bits"));
        }
        checkGenerator(dhPrime, g);
        if (dhPrime.equals(KNOWN_PRIME) || isVerified(dhPrime)) return;
        if (!dhPrime.isProbablePrime(CERTAINTY)) throw new CryptoException("dh_prime check: dh_prime is not prime");
        if (!dhPrime.shiftRight(1).isProbablePrime(CERTAINTY)) {
            throw new CryptoException("dh_prime check: (dh_prime - 1) / 2 is not prime (not a safe prime)");
        }
        remember(dhPrime);
    }

    /**
     * Checks a public value (g_a, g_b, SRP A or B): 1 &lt; gx &lt; p−1 and 2^(2048−64) ≤ gx ≤ p − 2^(2048−64), so
     * neither side can force a weak shared secret.
     */
    public static void checkGa(BigInteger gx, BigInteger dhPrime) {
        checkGa(gx, dhPrime, "g_a");
    }

    /** {@link #checkGa(BigInteger, BigInteger)} with the value's protocol name (srp_B, A) in the messages. */
    public static void checkGa(BigInteger gx, BigInteger dhPrime, String name) {
        if (gx == null) throw new CryptoException(name + " check: value is missing");
        if (dhPrime == null) throw new CryptoException(name + " check: dh_prime is missing");
        if (gx.compareTo(BigInteger.ONE) <= 0 || gx.compareTo(dhPrime.subtract(BigInteger.ONE)) >= 0) {
            throw new CryptoException(name + " check: value must satisfy 1 < " + name + " < dh_prime - 1");
        }
        if (gx.compareTo(MARGIN) < 0 || gx.compareTo(dhPrime.subtract(MARGIN)) > 0) {
            throw new CryptoException(
                    name + " check: value must satisfy 2^(2048-64) <= " + name + " <= dh_prime - 2^(2048-64)");
        }
    }

    /** The conditions of core.telegram.org/mtproto/auth_key that make g generate the order-(p−1)/2 subgroup. */
    private static void checkGenerator(BigInteger p, int g) {
        boolean ok = switch (g) {
            case 2 -> mod(p, 8) == 7;
            case 3 -> mod(p, 3) == 2;
            case 4 -> true;
            case 5 -> {
                int r = mod(p, 5);
                yield r == 1 || r == 4;
            }
            case 6 -> {
                int r = mod(p, 24);
                yield r == 19 || r == 23;
            }
            case 7 -> {
                int r = mod(p, 7);
                yield r == 3 || r == 5 || r == 6;
            }
            default -> throw new CryptoException("g check: g must be in 2..7, got " + g);
        };
        if (!ok)
            throw new CryptoException("g check: g = " + g + " does not generate a subgroup of order (dh_prime - 1) / 2 "
                    + "for this dh_prime (" + RULES[g] + ")");
    }

    private static final String[] RULES = {
        "",
        "",
        "needs p mod 8 = 7",
        "needs p mod 3 = 2",
        "",
        "needs p mod 5 in {1, 4}",
        "needs p mod 24 in {19, 23}",
        "needs p mod 7 in {3, 5, 6}"
    };

    private static int mod(BigInteger p, int m) {
        return p.mod(BigInteger.valueOf(m)).intValue();
    }

    private static boolean isVerified(BigInteger p) {
        synchronized (VERIFIED) {
            return VERIFIED.get(p) != null; // get, not containsKey: a hit must refresh the access order
        }
    }

    static void remember(BigInteger p) {
        synchronized (VERIFIED) {
            VERIFIED.put(p, Boolean.TRUE);
        }
    }

    static int cacheSize() {
        return CACHE_SIZE;
    }

    /** For tests: whether p is in the verified-prime cache. */
    static boolean cached(BigInteger p) {
        return isVerified(p);
    }
}
