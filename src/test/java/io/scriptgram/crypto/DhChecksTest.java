package io.scriptgram.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DhChecksTest {
    // Telegram's dh_prime, as printed in gotd/td internal/crypto/check_gp_test.go (which takes it from
    // core.telegram.org/mtproto/auth_key); typed here independently of DhChecks.KNOWN_PRIME.
    private static final BigInteger TELEGRAM_PRIME = new BigInteger(
            "C71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F"
                    + "48198A0AA7C14058229493D22530F4DBFA336F6E0AC925139543AED44CCE7C37"
                    + "20FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454F18FAF8C595F64"
                    + "2477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4"
                    + "A4A695811051907E162753B56B0F6B410DBA74D8A84B2A14B3144E0EF1284754"
                    + "FD17ED950D5965B4B9DD46582DB1178D169C6BC465B0D6FF9CA3928FEF5B9AE4"
                    + "E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F"
                    + "0D8115F635B105EE2E4E15D04B2454BF6F4FADF034B10403119CD8E3B92FCC5B",
            16);

    // RFC 3526 section 3, the 2048-bit MODP group (a safe prime that is not Telegram's): exercises the full test.
    private static final BigInteger RFC3526_PRIME = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                    + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                    + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                    + "15728E5A8AACAA68FFFFFFFFFFFFFFFF",
            16);

    private static final BigInteger MARGIN = BigInteger.ONE.shiftLeft(2048 - 64);

    @Test
    void knownPrimeConstantIsTelegramsPrime() {
        assertEquals(TELEGRAM_PRIME, DhChecks.KNOWN_PRIME);
    }

    // Telegram's prime satisfies the conditions for g = 3, 4 and 7 (its servers send g = 3).
    @ParameterizedTest
    @ValueSource(ints = {3, 4, 7})
    void acceptsTelegramPrimeWithItsGenerators(int g) {
        assertDoesNotThrow(() -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, g));
    }

    // p mod 8 = 3, p mod 5 = 3, p mod 24 = 11 for Telegram's prime: g = 2, 5, 6 do not generate the subgroup.
    @ParameterizedTest
    @ValueSource(ints = {2, 5, 6})
    void refusesTelegramPrimeWithGeneratorsItDoesNotSuit(int g) {
        var e = assertThrows(CryptoException.class, () -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, g));
        assertTrue(e.getMessage().startsWith("g check: g = " + g), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1, 8, 1337})
    void refusesGeneratorOutsideTwoToSeven(int g) {
        var e = assertThrows(CryptoException.class, () -> DhChecks.checkPrimeAndGenerator(TELEGRAM_PRIME, g));
        assertTrue(e.getMessage().contains("g must be in 2..7"), e.getMessage());
    }

    /**
     * Each generator against a 2048-bit number with a chosen residue: a forbidden residue fails the g check; an allowed
     * one passes it and reaches the primality test (the number is not prime).
     */
    @ParameterizedTest
    @CsvSource({
        "2, 8, 3, false",
        "2, 8, 1, false",
        "2, 8, 7, true",
        "3, 3, 1, false",
        "3, 3, 0, false",
        "3, 3, 2, true",
        "5, 5, 2, false",
        "5, 5, 3, false",
        "5, 5, 1, true",
        "5, 5, 4, true",
        "6, 24, 11, false",
        "6, 24, 7, false",
        "6, 24, 19, true",
        "6, 24, 23, true",
        "7, 7, 1, false",
        "7, 7, 2, false",
        "7, 7, 4, false",
        "7, 7, 3, true",
        "7, 7, 5, true",
        "7, 7, 6, true"
    })
    void generatorResidueConditions(int g, int modulus, int residue, boolean allowed) {
        BigInteger p = withResidue(modulus, residue);
        var e = assertThrows(CryptoException.class, () -> DhChecks.checkPrimeAndGenerator(p, g));
        if (allowed) assertEquals("dh_prime check: dh_prime is not prime", e.getMessage());
        else assertTrue(e.getMessage().startsWith("g check: g = " + g), e.getMessage());
    }

    @Test
    void refusesWrongSizes() {
        for (BigInteger p : new BigInteger[] {
            TELEGRAM_PRIME.shiftRight(1),
            TELEGRAM_PRIME.shiftLeft(1),
            BigInteger.ONE.shiftLeft(2047).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(2048),
            BigInteger.ZERO,
            TELEGRAM_PRIME.negate(),
            BigInteger.valueOf(4)
        }) {
            var e = assertThrows(CryptoException.class, () -> DhChecks.checkPrimeAndGenerator(p, 3));
            assertTrue(e.getMessage().startsWith("dh_prime check: dh_prime must be a 2048-bit number"), e.getMessage());
        }
        var e = assertThrows(CryptoException.class, () -> DhChecks.checkPrimeAndGenerator(null, 3));
        assertTrue(e.getMessage().contains("missing"));
    }

    @Test
    void fullCheckAcceptsAnotherSafePrimeAndCachesIt() {
        assertFalse(DhChecks.cached(RFC3526_PRIME));
        DhChecks.checkPrimeAndGenerator(RFC3526_PRIME, 2);
        assertTrue(DhChecks.cached(RFC3526_PRIME));
        DhChecks.checkPrimeAndGenerator(RFC3526_PRIME, 2); // served from the cache
    }

    @Test
    void cacheIsBoundedAndDropsTheLeastRecentlyUsed() {
        BigInteger first = BigInteger.valueOf(1_000_003);
        BigInteger second = BigInteger.valueOf(1_000_033);
        DhChecks.remember(first);
        DhChecks.remember(second);
        assertTrue(DhChecks.cached(first)); // touches first, so second is now the eldest of the two
        for (int i = 0; i < DhChecks.cacheSize() - 1; i++) DhChecks.remember(BigInteger.valueOf(7_000_000 + i));
        assertTrue(DhChecks.cached(first));
        assertFalse(DhChecks.cached(second));
    }

    @Test
    void refusesCompositeOfTheRightSize() {
        Random r = new Random(1);
        BigInteger p = BigInteger.probablePrime(1024, r)
                .multiply(BigInteger.probablePrime(1024, r))
                .setBit(2047);
        assertEquals(2048, p.bitLength());
        var e = assertThrows(CryptoException.class, () -> DhChecks.checkPrimeAndGenerator(p, 4));
        assertEquals("dh_prime check: dh_prime is not prime", e.getMessage());
        assertFalse(DhChecks.cached(p));
    }

    @Test
    void refusesPrimeThatIsNotSafe() {
        // A prime p = 1 (mod 4) has an even (p-1)/2, so it cannot be a safe prime.
        Random r = new Random(2);
        BigInteger p;
        do p = BigInteger.probablePrime(2048, r);
        while (p.testBit(1));
        BigInteger prime = p;
        var e = assertThrows(CryptoException.class, () -> DhChecks.checkPrimeAndGenerator(prime, 4));
        assertEquals("dh_prime check: (dh_prime - 1) / 2 is not prime (not a safe prime)", e.getMessage());
        assertFalse(DhChecks.cached(prime));
    }

    @Test
    void checkGaAcceptsTheRangeIncludingItsEnds() {
        assertDoesNotThrow(() -> DhChecks.checkGa(MARGIN, TELEGRAM_PRIME));
        assertDoesNotThrow(() -> DhChecks.checkGa(TELEGRAM_PRIME.subtract(MARGIN), TELEGRAM_PRIME));
        assertDoesNotThrow(() -> DhChecks.checkGa(TELEGRAM_PRIME.shiftRight(1), TELEGRAM_PRIME));
    }

    @Test
    void checkGaRefusesOutsideOneAndPMinusOne() {
        for (BigInteger gx : new BigInteger[] {
            BigInteger.valueOf(-5),
            BigInteger.ZERO,
            BigInteger.ONE,
            TELEGRAM_PRIME.subtract(BigInteger.ONE),
            TELEGRAM_PRIME,
            TELEGRAM_PRIME.add(BigInteger.TEN)
        }) {
            var e = assertThrows(CryptoException.class, () -> DhChecks.checkGa(gx, TELEGRAM_PRIME));
            assertEquals("g_a check: value must satisfy 1 < g_a < dh_prime - 1", e.getMessage());
        }
    }

    @Test
    void checkGaRefusesTheMargins() {
        for (BigInteger gx : new BigInteger[] {
            BigInteger.TWO,
            MARGIN.subtract(BigInteger.ONE),
            TELEGRAM_PRIME.subtract(MARGIN).add(BigInteger.ONE),
            TELEGRAM_PRIME.subtract(BigInteger.TWO)
        }) {
            var e = assertThrows(CryptoException.class, () -> DhChecks.checkGa(gx, TELEGRAM_PRIME));
            assertEquals("g_a check: value must satisfy 2^(2048-64) <= g_a <= dh_prime - 2^(2048-64)", e.getMessage());
        }
    }

    @Test
    void checkGaNamesTheValue() {
        var e = assertThrows(CryptoException.class, () -> DhChecks.checkGa(BigInteger.ONE, TELEGRAM_PRIME, "srp_B"));
        assertEquals("srp_B check: value must satisfy 1 < srp_B < dh_prime - 1", e.getMessage());
    }

    @Test
    void checkGaRefusesMissingValues() {
        assertThrows(CryptoException.class, () -> DhChecks.checkGa(null, TELEGRAM_PRIME));
        assertThrows(CryptoException.class, () -> DhChecks.checkGa(MARGIN, null));
    }

    /**
     * 2^2047 + k, the smallest such k giving the residue (an odd number would do as well; only the residue matters).
     */
    private static BigInteger withResidue(int modulus, int residue) {
        BigInteger base = BigInteger.ONE.shiftLeft(2047);
        int k = Math.floorMod(residue - base.mod(BigInteger.valueOf(modulus)).intValue(), modulus);
        BigInteger p = base.add(BigInteger.valueOf(k));
        if (p.isProbablePrime(20))
            p = p.add(BigInteger.valueOf(modulus * 2L * 3 * 5 * 7)); // keep the residue, leave primes
        return p;
    }
}
