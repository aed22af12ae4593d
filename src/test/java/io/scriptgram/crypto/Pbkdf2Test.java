package io.scriptgram.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pbkdf2Test {
    // PBKDF2-HMAC-SHA512 vectors from stackoverflow.com/questions/15593184 (as also used in trezor-firmware's
    // test_trezor.crypto.pbkdf2.py).
    @ParameterizedTest
    @CsvSource({
        "password, salt, 1, 867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf"
                + "252c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce",
        "password, salt, 2, e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d"
                + "53cf76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e",
        "password, salt, 4096, d197b1b33db0143e018b12f3d1d1479e6cdebdcc97c5c0f87f6902e072"
                + "f457b5143f30602641b3d55cd335988cb36b84376060ecd532e039b742a239434af2d5",
        "passwordPASSWORDpassword, saltSALTsaltSALTsaltSALTsaltSALTsalt, 4096, "
                + "8c0511f4c6e597c6ac6315d8f0362e225f3c501495ba23b868c005174dc4ee71115b59f9e60cd953"
                + "2fa33e0f75aefe30225c583a186cd82bd4daea9724a3d3b8"
    })
    void publishedVectors(String password, String salt, int iterations, String expected) {
        byte[] dk = Pbkdf2.hmacSha512(ascii(password), ascii(salt), iterations, 64);
        assertEquals(expected, HexFormat.of().formatHex(dk));
    }

    /** The JDK's PBKDF2WithHmacSHA512 agrees where it can take the input (a char[] password), also past one block. */
    @ParameterizedTest
    @CsvSource({"abc, s, 3, 64", "pw, salt, 1000, 100", "x, saltsalt, 1, 200", "'', salt, 5, 64"})
    void agreesWithTheJdkOnTextPasswords(String password, String salt, int iterations, int length) throws Exception {
        var spec = new PBEKeySpec(password.toCharArray(), ascii(salt), iterations, length * 8);
        byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(spec)
                .getEncoded();
        assertArrayEquals(jdk, Pbkdf2.hmacSha512(ascii(password), ascii(salt), iterations, length));
    }

    @Test
    void refusesBadParameters() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pbkdf2.hmacSha512(new byte[1], new byte[1], 0, 64));
        assertTrue(e.getMessage().contains("iterations"));
        e = assertThrows(IllegalArgumentException.class, () -> Pbkdf2.hmacSha512(new byte[1], new byte[1], 1, 0));
        assertTrue(e.getMessage().contains("length"));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
