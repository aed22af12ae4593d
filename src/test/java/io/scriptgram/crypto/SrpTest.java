package io.scriptgram.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SrpTest {
    private static final HexFormat HEX = HexFormat.of();

    // Telegram's prime (p of current_algo), as in both vectors below.
    private static final byte[] P = HEX.parseHex("c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f"
            + "48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c37"
            + "20fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64"
            + "2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4"
            + "a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754"
            + "fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4"
            + "e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f"
            + "0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b");
    private static final BigInteger P_INT = new BigInteger(1, P);

    /** Known answer: Lonami/grammers lib/grammers-crypto/src/two_factor_auth.rs, test check_calculations_2. */
    @Test
    void grammersVector() {
        byte[] salt1 = HEX.parseHex("5f483c38bd0986e7cdc95ae138ef4f49b951c1f81c713fecdef3af692cec4b4716ac9b770a195ebe");
        byte[] salt2 = HEX.parseHex("b616fc6bbedf511119c5ed34629527f1");
        byte[] srpB = HEX.parseHex(
                "93f70ebd50f6426aca2568769599f91f24d01284cc51a449e62dcc1527dfe50126b2aa44238e4fb2331419ed4aebf1a0"
                        + "ae15e03abd18bfc52ca6baec564c13b5a1d2e357799897757bb736fdc2ceb1b56aacf19ab3548d6d"
                        + "922a522f0b51f401"
                        + "24c3bc9936aff3e1dcfbea39ac9ad2addc6af0ad30783278bbb84cab0ed8464b0ffeb2b0c93a39a5"
                        + "d97dba0105672ca5"
                        + "475373d8d23e54a6ac9bed9519e8bef4f00719f5ad56151be5537648df2f8e3e7265cb57fb94a054"
                        + "ce2a82b8cc664ad0"
                        + "60e0d6c6df1879345440eb977fa0f2d36f31a253d8917732f133d40033a34b6152969b600d59cdab"
                        + "fea2ab2393ad659e"
                        + "56d66e13605b1f61e48e3cd65c0f58ac");
        byte[] a = HEX.parseHex(
                "bf31574f34fce1e53891c59b7f62468a0ca682da8585df8de0a18873359755fbb1818878a9ee919bb1e94d20c5f0607e"
                        + "02a33176199bf3220256c9ea1a69f395a515d20539d88cda750a5252fb864f573f2b032f3b467d08"
                        + "b34fd9c89d1c5d06"
                        + "278e113e51d4e893c1c027455af4653f096607a4156d94fb8e1dc7cee5bfe32850982f941ae4414e"
                        + "83bf22df56270b43"
                        + "b7ccc44c26d40886464da8e344a8540795b8f69b8f508552a723cd6931e1d69204e8e9dc056f0a2a"
                        + "10a0d7951e355f3e"
                        + "def5a5e18a9091295a51eb9db10b8b0d30489c8d29bc0cd86e97781f5e30c5b6bfe7caf4aae81b28"
                        + "2e653ac48aa1a8fd"
                        + "e789722bc04f4320cd9f86849fe05ca4");
        String expectedA =
                "0fa12bc655b1187a28296a69ae565d682782e0ceb05a089c0c41c1dce983dc7f4a53434ea78e065d9e1cb60e427b4468"
                        + "a4780609feba2f55654ee2efe0aeb72edafde2652e26ed5b4d4baad9d2a381806af63416bf6263df"
                        + "45a43d85be5401bc"
                        + "223ebfac09421caddd7e260bd6b86542133c048d6cd54b38d8e2ccdf6b550e875b1353a4acfe3292"
                        + "ffb56a0f58b2a390"
                        + "27c9bfdd91fd4c531d23c77d6e8f7d583eaeea316dedded69935296ce7ea34e9be6ef2fbd829eac4"
                        + "c9bd646dc1563e47"
                        + "f77b91431ca002cf79fc149d968272835c15ca1c6b2c5e03712a2e1b5d52f5e4faa1c16cb177fafd"
                        + "96a6aa5b4b3f4c64"
                        + "9915644b63855cfb38561ff17fedfb8a";
        // The public path, with a random source that yields exactly grammers' a.
        Srp.CheckPassword answer = Srp.client(salt1, salt2, 3, P, srpB, 42L, "234567", fixedBytes(a));
        assertEquals(42L, answer.srpId());
        assertEquals(expectedA, HEX.formatHex(answer.A()));
        assertEquals("4d7af412c5a2e7b15467376bd118b853604e687b31f51c4980c4d7c1876613e3", HEX.formatHex(answer.M1()));
    }

    /**
     * Known answer: gotd/td internal/crypto/srp/srp_test.go, TestSRP (a = 1, hence A = g = 3; such an A would be
     * refused by the range check, so this goes through the fixed-a entry point).
     */
    @Test
    void gotdVector() {
        byte[] salt1 = HEX.parseHex("4D11FB6BEC38F9D2546BB0F61E4F1C99A1BC0DB8F0D5F35B1291B37B213123D7ED48F3C6794D495B");
        byte[] salt2 = HEX.parseHex("A1B181AAFE88188680AE32860D60BB01");
        byte[] srpB = HEX.parseHex("9C52401A6A8084EC82F01C3725D3FB448BD2F0C909F9D97726EAC4B7A74172D9"
                + "52F02466BE6734FA274D2B7429E27397F10372D66B400B80A5C5AE3F28B17BF3"
                + "105D7A2D2A885998CDC2DEFC208AEC217AB58859A9ABC2374AD93DC285F4B3FB"
                + "CAFF4143D7888F2425BD2FB711B25609CEB21757D935B1EF2F042173AD0CE2FE"
                + "0E474DAC53914BD25A8A9AED4AEA8953D55CB88621DB37B871EA0D04393AC098"
                + "7F68094CCC9DE8239251375D8FFFD263316CD528C097B7BC9FB919FBEDB76C52"
                + "5DF3413C374EE076D97A1E6D352BB7CC80FD13651B04B32E2E48C5268150842C"
                + "FD07CF855958B1B5EA9C36FDAD697FE3AEC8DCC6B1EFEC36874AF226204676CF");
        byte[] a = new byte[256];
        a[255] = 1;
        Srp.CheckPassword answer = Srp.client(salt1, salt2, 3, P, srpB, 7L, "123123", a);
        byte[] expectedA = new byte[256];
        expectedA[255] = 3;
        assertArrayEquals(expectedA, answer.A());
        assertEquals("999df906bda2c6cbb52f503406eba2d0d0503ace0cc302c38f13ee5010ad4051", HEX.formatHex(answer.M1()));
    }

    /**
     * Known answer: gotd/td internal/crypto/srp/new_hash_test.go, TestSRP_NewHash (new salt1 with zero randomness; v).
     */
    @Test
    void gotdNewPasswordVector() {
        byte[] salt1 = Srp.newSalt1(HEX.parseHex("e6c8957ddf988d48"), zeros());
        assertEquals("e6c8957ddf988d48" + "00".repeat(32), HEX.formatHex(salt1));
        byte[] v = Srp.verifier(salt1, HEX.parseHex("9f6344822b096cff87efa426f57857b6"), 3, P, "newPassword");
        assertEquals(
                "186ac18dcc5790bf6bba21bd958d375ee5481af0029e9bd7a9c68ec926bd5196d81f8cd8b58ee06c8a10adeacc7f56e8"
                        + "19ff514825deb15b1fadec6aae17a244cb23488d17349cd4261a8ba4da7b9c2ce5c40014dd9e3627"
                        + "50acf3ac89b8b8f5"
                        + "c618f0b6a572c38fff3a554d8818a0b8e7b6015e1836128a1e4e2d5cf9971d1dd048aa181d861152"
                        + "eae71553962680"
                        + "632387b89ac1865fded7c8c3daa64ed38dc25036663fa0cf7748c52ea19c187e70a752a8053e409d"
                        + "4894218a429393"
                        + "d03382e41e50b7415b3b8ad092fd0790f88d894e84dca78f47f4218937d7aa99d88c87c09bcb8da8"
                        + "90e535026623ce"
                        + "a6fc8b3d25db70cb42aaa48323927d87a8fcf1",
                HEX.formatHex(v));
    }

    /** Client and server halves agree for random passwords (ASCII and non-ASCII), and only for the right one. */
    @Test
    void clientAndServerAgree() {
        SplittableRandom rnd = new SplittableRandom(2024);
        for (String password : new String[] {randomPassword(rnd), "pässwörd ключ 🔑"}) {
            byte[] salt1 = Srp.newSalt1(bytes(rnd, 8), rnd);
            byte[] salt2 = bytes(rnd, 16);
            byte[] v = Srp.verifier(salt1, salt2, 3, P, password);
            Srp.ServerSession server = Srp.serverStart(v, 3, P, rnd);
            assertEquals(256, server.B().length);
            Srp.CheckPassword proof = Srp.client(salt1, salt2, 3, P, server.B(), 99L, password, rnd);
            assertEquals(256, proof.A().length);
            assertEquals(32, proof.M1().length);
            assertTrue(Srp.verify(v, server.b(), server.B(), proof.A(), proof.M1(), salt1, salt2, 3, P), password);

            byte[] tampered = proof.M1().clone();
            tampered[31] ^= 1;
            assertFalse(Srp.verify(v, server.b(), server.B(), proof.A(), tampered, salt1, salt2, 3, P));
            assertFalse(Srp.verify(
                    v, server.b(), server.B(), proof.A(), Arrays.copyOf(proof.M1(), 31), salt1, salt2, 3, P));
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] salt1 = bytes(rnd, 40);
        byte[] salt2 = bytes(rnd, 16);
        byte[] v = Srp.verifier(salt1, salt2, 3, P, "correct horse");
        Srp.ServerSession server = Srp.serverStart(v, 3, P, rnd);
        Srp.CheckPassword wrong =
                Srp.client(salt1, salt2, 3, P, server.B(), 1L, "correct hors", new SplittableRandom(8));
        assertFalse(Srp.verify(v, server.b(), server.B(), wrong.A(), wrong.M1(), salt1, salt2, 3, P));
    }

    @Test
    void clientRefusesBadSrpB() {
        byte[] s = new byte[16];
        assertRefused("srp_B check: srp_B must be > 0", () -> Srp.client(s, s, 3, P, new byte[256], 1, "pw", zeros()));
        assertRefused("srp_B check: srp_B must be > 0", () -> Srp.client(s, s, 3, P, new byte[0], 1, "pw", zeros()));
        assertRefused("srp_B check: srp_B must be < p", () -> Srp.client(s, s, 3, P, P, 1, "pw", zeros()));
        byte[] allOnes = new byte[256];
        Arrays.fill(allOnes, (byte) 0xff);
        assertRefused("srp_B check: srp_B must be < p", () -> Srp.client(s, s, 3, P, allOnes, 1, "pw", zeros()));
        assertRefused(
                "srp_B check: value must satisfy 1 < srp_B < dh_prime - 1",
                () -> Srp.client(s, s, 3, P, new byte[] {1}, 1, "pw", zeros()));
        assertRefused(
                "srp_B check: value must satisfy 2^(2048-64) <= srp_B <= dh_prime - 2^(2048-64)",
                () -> Srp.client(s, s, 3, P, new byte[] {5}, 1, "pw", zeros()));
        byte[] nearP = Srp.pad(P_INT.subtract(BigInteger.TWO));
        assertRefused(
                "srp_B check: value must satisfy 2^(2048-64) <= srp_B <= dh_prime - 2^(2048-64)",
                () -> Srp.client(s, s, 3, P, nearP, 1, "pw", zeros()));
        assertRefused(
                "SRP srp_B must be at most 256 bytes, got 257",
                () -> Srp.client(s, s, 3, P, new byte[257], 1, "pw", zeros()));
        assertRefused("SRP srp_B is missing", () -> Srp.client(s, s, 3, P, null, 1, "pw", zeros()));
    }

    @Test
    void clientRefusesBadAlgoParameters() {
        byte[] s = new byte[16];
        byte[] b = P_INT.shiftRight(1).toByteArray();
        assertRefused("g check: g = 2", () -> Srp.client(s, s, 2, P, b, 1, "pw", zeros()));
        assertRefused("g check: g must be in 2..7, got 8", () -> Srp.client(s, s, 8, P, b, 1, "pw", zeros()));
        assertRefused(
                "SRP p must be 256 bytes, got 255",
                () -> Srp.client(s, s, 3, Arrays.copyOf(P, 255), b, 1, "pw", zeros()));
        byte[] leadingZero = P.clone();
        leadingZero[0] = 0;
        assertRefused(
                "dh_prime check: dh_prime must be a 2048-bit number",
                () -> Srp.client(s, s, 3, leadingZero, b, 1, "pw", zeros()));
        byte[] notPrime = P.clone();
        notPrime[255] ^= 6; // still odd, same residues mod 3
        assertRefused(
                "dh_prime check: dh_prime is not prime", () -> Srp.client(s, s, 4, notPrime, b, 1, "pw", zeros()));
        assertRefused("SRP p is missing", () -> Srp.client(s, s, 3, null, b, 1, "pw", zeros()));
        assertRefused("SRP salt1 and salt2 are required", () -> Srp.client(null, s, 3, P, b, 1, "pw", zeros()));
        assertRefused("SRP password is missing", () -> Srp.client(s, s, 3, P, b, 1, null, zeros()));
    }

    @Test
    void serverRefusesBadA() {
        byte[] s = new byte[16];
        byte[] v = P_INT.shiftRight(3).toByteArray();
        byte[] b = new byte[256];
        byte[] bigB = P_INT.shiftRight(1).toByteArray();
        byte[] m1 = new byte[32];
        assertRefused(
                "A check: value must satisfy 1 < A < dh_prime - 1",
                () -> Srp.verify(v, b, bigB, new byte[256], m1, s, s, 3, P));
        assertRefused(
                "A check: value must satisfy 1 < A < dh_prime - 1", () -> Srp.verify(v, b, bigB, P, m1, s, s, 3, P));
        assertRefused(
                "A check: value must satisfy 2^(2048-64) <= A <= dh_prime - 2^(2048-64)",
                () -> Srp.verify(v, b, bigB, new byte[] {3}, m1, s, s, 3, P));
        assertRefused("SRP A is missing", () -> Srp.verify(v, b, bigB, null, m1, s, s, 3, P));
        assertRefused(
                "SRP v check: v must satisfy 0 < v < p", () -> Srp.verify(new byte[1], b, bigB, bigB, m1, s, s, 3, P));
        assertRefused("SRP v check: v must satisfy 0 < v < p", () -> Srp.serverStart(P, 3, P, zeros()));
        assertRefused("g check: g = 5", () -> Srp.serverStart(v, 5, P, zeros()));
    }

    /** A random source stuck on bad values is reported, not looped on forever. */
    @Test
    void refusesARandomSourceThatNeverGivesAUsableSecret() {
        byte[] s = new byte[16];
        byte[] bigB = P_INT.shiftRight(1).toByteArray();
        // a = 0 gives A = 1 every time.
        assertRefused(
                "SRP A check: the random source gave no a with A in the safe range in 16 draws",
                () -> Srp.client(s, s, 3, P, bigB, 1, "pw", zeros()));
    }

    @Test
    void secretsStayOutOfToStringAndMessages() {
        SplittableRandom rnd = new SplittableRandom(3);
        Srp.ServerSession server = Srp.serverStart(P_INT.shiftRight(3).toByteArray(), 3, P, rnd);
        String text = server.toString();
        assertFalse(text.contains(HEX.formatHex(server.b()).substring(0, 16)), text);
        assertFalse(text.contains(Arrays.toString(server.b()).substring(0, 20)), text);
        Srp.CheckPassword answer = new Srp.CheckPassword(5, new byte[256], new byte[32]);
        assertEquals("CheckPassword[srp_id=5, A=256 bytes, M1=32 bytes]", answer.toString());
        var e = assertThrows(
                CryptoException.class,
                () -> Srp.client(new byte[1], new byte[1], 3, P, new byte[1], 1, "hunter2-secret", rnd));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    private static void assertRefused(String messageStart, Executable call) {
        var e = assertThrows(CryptoException.class, call);
        assertTrue(
                e.getMessage().startsWith(messageStart), "expected '" + messageStart + "…' but got: " + e.getMessage());
    }

    private static RandomGenerator fixedBytes(byte[] value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextBytes is expected");
            }

            @Override
            public void nextBytes(byte[] out) {
                assertEquals(value.length, out.length);
                System.arraycopy(value, 0, out, 0, out.length);
            }
        };
    }

    private static RandomGenerator zeros() {
        return () -> 0L;
    }

    private static byte[] bytes(SplittableRandom rnd, int n) {
        byte[] out = new byte[n];
        rnd.nextBytes(out);
        return out;
    }

    private static String randomPassword(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(24);
        for (int i = 0; i < n; i++) sb.append((char) rnd.nextInt(0x20, 0x7f));
        return sb.toString();
    }
}
