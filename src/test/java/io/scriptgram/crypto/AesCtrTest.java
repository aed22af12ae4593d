package io.scriptgram.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AesCtrTest {
    // NIST SP 800-38A F.5.5 CTR-AES256.Encrypt, blocks 1 and 2.
    @Test
    void matchesNistVectorAcrossCalls() {
        HexFormat hex = HexFormat.of();
        byte[] key = hex.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
        byte[] iv = hex.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] data = hex.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        AesCtr ctr = new AesCtr(key, iv);
        ctr.apply(data, 0, 7); // the stream must continue across uneven calls
        ctr.apply(data, 7, 25);
        assertEquals("601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5", hex.formatHex(data));
    }

    @Test
    void rejectsWrongKeySize() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AesCtr(new byte[16], new byte[16]));
        assertTrue(e.getMessage().contains("32 bytes"));
    }
}
