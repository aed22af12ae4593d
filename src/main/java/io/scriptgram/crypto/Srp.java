package io.scriptgram.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Telegram's 2FA password check, algorithm {@code passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow}
 * (core.telegram.org/api/srp): the client's proof for {@code inputCheckPasswordSRP}, and the server half (verifier,
 * srp_B, check of M1) the sandbox uses for its 2FA accounts. Byte strings are big-endian; A, B, S are padded to 256
 * bytes.
 *
 * <p>Secrets (password, x, a, b) never appear in messages or toString.
 */
public final class Srp {
    public static final String ALGORITHM = "passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow";
    public static final int PBKDF2_ITERATIONS = 100_000;
    private static final int SIZE = 256;
    /** Redraws of a or b whose public value falls outside the safe range (odds about 2^-63 each). */
    private static final int MAX_DRAWS = 16;

    private Srp() {}

    /** The client's answer, {@code inputCheckPasswordSRP srp_id:long A:bytes M1:bytes}. */
    public record CheckPassword(long srpId, byte[] A, byte[] M1) {
        @Override
        public String toString() {
            return "CheckPassword[srp_id=" + srpId + ", A=" + A.length + " bytes, M1=" + M1.length + " bytes]";
        }
    }

    /** The server's state between sending srp_B and checking M1: the secret b and the public B (256 bytes). */
    public record ServerSession(byte[] b, byte[] B) {
        @Override
        public String toString() {
            return "ServerSession[b=(secret), B=" + B.length + " bytes]";
        }
    }

    // ---- client ----

    /**
     * Computes {@code inputCheckPasswordSRP} from {@code account.password}'s current_algo (salt1, salt2, g, p), srp_B
     * and srp_id. Checks p and g ({@link DhChecks}), the range of srp_B and of our A, and u ≠ 0.
     */
    public static CheckPassword client(
            byte[] salt1,
            byte[] salt2,
            int g,
            byte[] p,
            byte[] srpB,
            long srpId,
            String password,
            RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        Params params = Params.of(salt1, salt2, g, p);
        BigInteger B = checkB(srpB, params);
        BigInteger x = passwordHash(utf8(password), salt1, salt2);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            BigInteger a = randomSecret(random);
            BigInteger A = params.g.modPow(a, params.p);
            if (inRange(A, params.p)) return proof(params, B, x, a, A, srpId);
        }
        throw new CryptoException(
                "SRP A check: the random source gave no a with A in the safe range in " + MAX_DRAWS + " draws");
    }

    /** {@link #client} with a given secret a and no range check of A: for known-answer tests only. */
    static CheckPassword client(
            byte[] salt1, byte[] salt2, int g, byte[] p, byte[] srpB, long srpId, String password, byte[] a) {
        Params params = Params.of(salt1, salt2, g, p);
        BigInteger B = checkB(srpB, params);
        BigInteger secret = new BigInteger(1, a);
        return proof(
                params,
                B,
                passwordHash(utf8(password), salt1, salt2),
                secret,
                params.g.modPow(secret, params.p),
                srpId);
    }

    private static CheckPassword proof(
            Params params, BigInteger B, BigInteger x, BigInteger a, BigInteger A, long srpId) {
        byte[] aBytes = pad(A);
        byte[] bBytes = pad(B);
        BigInteger u = u(aBytes, bBytes);
        BigInteger kv = params.k.multiply(params.g.modPow(x, params.p)).mod(params.p);
        BigInteger t = B.subtract(kv).mod(params.p);
        BigInteger s = t.modPow(a.add(u.multiply(x)), params.p);
        return new CheckPassword(srpId, aBytes, m1(params, aBytes, bBytes, s));
    }

    // ---- server ----

    /** The verifier v = g^x mod p (256 bytes) the server stores instead of the password. */
    public static byte[] verifier(byte[] salt1, byte[] salt2, int g, byte[] p, String password) {
        Params params = Params.of(salt1, salt2, g, p);
        return pad(params.g.modPow(passwordHash(utf8(password), salt1, salt2), params.p));
    }

    /** Draws the secret b and computes srp_B = (k·v + g^b) mod p, redrawing until B is in the safe range. */
    public static ServerSession serverStart(byte[] v, int g, byte[] p, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        Params params = Params.of(new byte[0], new byte[0], g, p);
        BigInteger kv = params.k.multiply(checkV(v, params)).mod(params.p);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            BigInteger b = randomSecret(random);
            BigInteger B = kv.add(params.g.modPow(b, params.p)).mod(params.p);
            if (inRange(B, params.p)) return new ServerSession(pad(b), pad(B));
        }
        throw new CryptoException(
                "SRP B check: the random source gave no b with srp_B in the safe range in " + MAX_DRAWS + " draws");
    }

    /**
     * Whether the client's M1 proves knowledge of the password: S = (A·v^u)^b mod p, then M1 is recomputed and compared
     * in constant time. A malformed A (out of range, or giving u = 0) is refused with a CryptoException.
     */
    public static boolean verify(
            byte[] v, byte[] b, byte[] B, byte[] A, byte[] M1, byte[] salt1, byte[] salt2, int g, byte[] p) {
        Params params = Params.of(salt1, salt2, g, p);
        BigInteger vv = checkV(v, params);
        if (b == null || B == null || M1 == null) throw new CryptoException("SRP verify: b, B and M1 are required");
        BigInteger a = unsigned(A, "A");
        DhChecks.checkGa(a, params.p, "A");
        byte[] aBytes = pad(a);
        byte[] bBytes = pad(unsigned(B, "B"));
        BigInteger u = u(aBytes, bBytes);
        BigInteger s = a.multiply(vv.modPow(u, params.p)).mod(params.p).modPow(new BigInteger(1, b), params.p);
        return MessageDigest.isEqual(m1(params, aBytes, bBytes, s), M1);
    }

    /**
     * salt1 for a new password: the server's new_algo.salt1 followed by 32 random bytes (core.telegram.org/api/srp).
     */
    public static byte[] newSalt1(byte[] salt1, RandomGenerator random) {
        Objects.requireNonNull(salt1, "salt1");
        byte[] out = Arrays.copyOf(salt1, salt1.length + 32);
        byte[] extra = new byte[32];
        random.nextBytes(extra);
        System.arraycopy(extra, 0, out, salt1.length, 32);
        return out;
    }

    // ---- shared ----

    /**
     * x = PH2(password, salt1, salt2) = SH(pbkdf2(sha512, PH1(password, salt1, salt2), salt1, 100000), salt2), where
     * PH1 = SH(SH(password, salt1), salt2) and SH(data, salt) = H(salt | data | salt).
     */
    static BigInteger passwordHash(byte[] password, byte[] salt1, byte[] salt2) {
        byte[] ph1 = sh(sh(password, salt1), salt2);
        byte[] dk = Pbkdf2.hmacSha512(ph1, salt1, PBKDF2_ITERATIONS, 64);
        byte[] x = sh(dk, salt2);
        Arrays.fill(ph1, (byte) 0);
        Arrays.fill(dk, (byte) 0);
        Arrays.fill(password, (byte) 0);
        return new BigInteger(1, x);
    }

    private static byte[] sh(byte[] data, byte[] salt) {
        return Sha.sha256(salt, data, salt);
    }

    /** u = H(A | B); u = 0 would let S be computed without the password, so it is refused. */
    private static BigInteger u(byte[] aPadded, byte[] bPadded) {
        BigInteger u = new BigInteger(1, Sha.sha256(aPadded, bPadded));
        if (u.signum() == 0) throw new CryptoException("SRP u check: u = H(A | B) is zero");
        return u;
    }

    /** M1 = H(H(p) xor H(g) | H(salt1) | H(salt2) | A | B | K), K = H(S). */
    private static byte[] m1(Params params, byte[] aPadded, byte[] bPadded, BigInteger s) {
        byte[] hp = Sha.sha256(params.pBytes);
        byte[] hg = Sha.sha256(params.gPadded);
        for (int i = 0; i < hp.length; i++) hp[i] ^= hg[i];
        byte[] k = Sha.sha256(pad(s));
        return Sha.sha256(hp, Sha.sha256(params.salt1), Sha.sha256(params.salt2), aPadded, bPadded, k);
    }

    private static BigInteger checkB(byte[] srpB, Params params) {
        BigInteger B = unsigned(srpB, "srp_B");
        if (B.signum() == 0) throw new CryptoException("srp_B check: srp_B must be > 0");
        if (B.compareTo(params.p) >= 0) throw new CryptoException("srp_B check: srp_B must be < p");
        DhChecks.checkGa(B, params.p, "srp_B");
        return B;
    }

    private static BigInteger checkV(byte[] v, Params params) {
        BigInteger value = unsigned(v, "v");
        if (value.signum() == 0 || value.compareTo(params.p) >= 0)
            throw new CryptoException("SRP v check: v must satisfy 0 < v < p");
        return value;
    }

    private static BigInteger unsigned(byte[] bytes, String name) {
        if (bytes == null) throw new CryptoException("SRP " + name + " is missing");
        if (bytes.length > SIZE)
            throw new CryptoException("SRP " + name + " must be at most " + SIZE + " bytes, got " + bytes.length);
        return new BigInteger(1, bytes);
    }

    private static boolean inRange(BigInteger value, BigInteger p) {
        try {
            DhChecks.checkGa(value, p);
            return true;
        } catch (CryptoException e) {
            return false;
        }
    }

    private static BigInteger randomSecret(RandomGenerator random) {
        byte[] bytes = new byte[SIZE];
        random.nextBytes(bytes);
        BigInteger secret = new BigInteger(1, bytes);
        Arrays.fill(bytes, (byte) 0);
        return secret;
    }

    /** Big-endian, left-padded with zeros to 256 bytes. */
    static byte[] pad(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length == SIZE) return raw;
        if (raw.length == SIZE + 1 && raw[0] == 0) return Arrays.copyOfRange(raw, 1, raw.length);
        if (raw.length > SIZE) throw new CryptoException("SRP value does not fit in " + SIZE + " bytes");
        byte[] out = new byte[SIZE];
        System.arraycopy(raw, 0, out, SIZE - raw.length, raw.length);
        return out;
    }

    private static byte[] utf8(String password) {
        if (password == null) throw new CryptoException("SRP password is missing");
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /** current_algo after its checks, with the values every step needs. */
    private record Params(
            byte[] salt1, byte[] salt2, BigInteger g, BigInteger p, byte[] pBytes, byte[] gPadded, BigInteger k) {
        static Params of(byte[] salt1, byte[] salt2, int g, byte[] p) {
            if (salt1 == null || salt2 == null) throw new CryptoException("SRP salt1 and salt2 are required");
            if (p == null) throw new CryptoException("SRP p is missing");
            if (p.length != SIZE) throw new CryptoException("SRP p must be " + SIZE + " bytes, got " + p.length);
            BigInteger prime = new BigInteger(1, p);
            DhChecks.checkPrimeAndGenerator(prime, g);
            BigInteger gg = BigInteger.valueOf(g);
            byte[] gPadded = pad(gg);
            // k = H(p | g)
            return new Params(salt1, salt2, gg, prime, p, gPadded, new BigInteger(1, Sha.sha256(p, gPadded)));
        }
    }
}
