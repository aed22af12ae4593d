package io.scriptgram.bench;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CryptoBenchTest {
    // The shape of `openssl speed -evp aes-256-cbc -bytes 16384` output (OpenSSL 3.0): progress lines, then the table.
    @Test
    void parsesOpensslSpeedTable() {
        String out = """
                Doing AES-256-CBC for 3s on 16384 size blocks: 271213 AES-256-CBC's in 3.00s
                version: 3.0.19
                The 'numbers' are in 1000s of bytes per second processed.
                type          16384 bytes
                AES-256-CBC    1481009.49k
                """;
        assertEquals(1481.00949, CryptoBench.parseOpensslSpeed(out).getAsDouble(), 1e-6);
        assertEquals(
                9394.4,
                CryptoBench.parseOpensslSpeed("aes-256-cbc  9394400.00k\n").getAsDouble(),
                1e-6);
    }

    @Test
    void unknownOutputGivesNoFigure() {
        assertTrue(CryptoBench.parseOpensslSpeed("speed: Unknown algorithm aes-256-cbc\n")
                .isEmpty());
        assertTrue(CryptoBench.parseOpensslSpeed("").isEmpty());
    }
}
