package io.scriptgram.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PqFactorTest {

    @Test
    void publishedSamples() {
        // core.telegram.org/mtproto/samples-auth_key (also in gotd/td internal/crypto/pq_test.go)
        assertEquals(new PqFactor.Factors(0x494C553BL, 0x53911073L), PqFactor.factor(0x17ED48941A08F981L));
        // gotd/td internal/crypto/pq_test.go (from sdidyk/mtproto math_test.go)
        assertEquals(new PqFactor.Factors(1229739323L, 1402015859L), PqFactor.factor(1724114033281923457L));
        assertEquals(new PqFactor.Factors(613, 617), PqFactor.factor(378221));
        // grammers lib/grammers-mtproto/src/authentication.rs emulate_successful_auth_key_gen_flow: resPQ and
        // req_DH_params
        assertEquals(new PqFactor.Factors(0x44b2e50dL, 0x5e63ac81L), PqFactor.factor(0x19546f942a11278dL));
    }

    @Test
    void randomProductsOfTwoPrimesAreSplit() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 200; i++) {
            long a = BigInteger.valueOf(r.nextLong(1L << 30, 1L << 31))
                    .nextProbablePrime()
                    .longValue();
            long b = BigInteger.valueOf(r.nextLong(1L << 31, 1L << 32))
                    .nextProbablePrime()
                    .longValue();
            PqFactor.Factors f = PqFactor.factor(a * b);
            assertEquals(new PqFactor.Factors(Math.min(a, b), Math.max(a, b)), f);
        }
        // Speed is measured by `bin/scriptgram bench crypto` (pq_factor_ms), not here.
    }

    @Test
    void equalAndSmallPrimes() {
        assertEquals(new PqFactor.Factors(2, 3), PqFactor.factor(6));
        assertEquals(new PqFactor.Factors(2147483647L, 2147483647L), PqFactor.factor(2147483647L * 2147483647L));
    }

    @Test
    void badInputIsRefused() {
        for (long bad : new long[] {-15, 0, 1, 2, 3}) {
            CryptoException e = assertThrows(CryptoException.class, () -> PqFactor.factor(bad));
            assertTrue(e.getMessage().contains("pq"), e.getMessage());
        }
        CryptoException e =
                assertThrows(CryptoException.class, () -> PqFactor.factor(2305843009213693951L)); // 2^61-1, prime
        assertTrue(e.getMessage().contains("prime"), e.getMessage());
        e = assertThrows(CryptoException.class, () -> PqFactor.factor(3L * 5 * 7 * 1000003));
        assertTrue(e.getMessage().contains("two primes"), e.getMessage());
    }
}
