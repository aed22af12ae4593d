package io.scriptgram.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

class RsaPublicKeyTest {

    @Test
    void builtInKeysHaveThePublishedFingerprints() {
        // Fingerprints: grammers lib/grammers-mtproto/src/authentication.rs key_for_fingerprint
        // (-3414540481677951611 production, -5595554452916591101 test); keys from tdlib/td
        // td/telegram/net/PublicRsaKeySharedMain.cpp.
        assertEquals(0xd09d1d85de64fd85L, TelegramKeys.production().get(0).fingerprint());
        assertEquals(-3414540481677951611L, TelegramKeys.production().get(0).fingerprint());
        assertEquals(0xb25898df208d2603L, TelegramKeys.test().get(0).fingerprint());
        assertEquals(-5595554452916591101L, TelegramKeys.test().get(0).fingerprint());
    }

    @Test
    void builtInKeysMatchTheModuliGrammersPublishes() {
        // grammers lib/grammers-mtproto/src/authentication.rs gives the moduli in decimal; compare the ends
        // and the exponent (the whole numbers are the same 617-digit values).
        RsaPublicKey prod = TelegramKeys.production().get(0);
        RsaPublicKey test = TelegramKeys.test().get(0);
        assertTrue(prod.modulus()
                .toString()
                .startsWith("29379598170669337022986177149456128565388431120058863768162556424047512191330847"
                        + "45514657634448776440866"));
        assertTrue(prod.modulus().toString().endsWith("502498215169806323"));
        assertTrue(test.modulus()
                .toString()
                .startsWith("25342889448840415564971689590713473206898847759084779052582026594546022463853940"
                        + "58588521595116849196570822264939918060381807420062046377613542488463216251240316"
                        + "37930839216416315647409595294193595958529411668489405859523376133330223960965841"
                        + "17954892216031229237302943701877588456738335398602461675225081791820393153757504"
                        + "95263623495132323782003654358104782690612092797248736680529211579223142368426126"
                        + "23303943247507854509425897517553901566477514607193514399690599495696153028090507"
                        + "21500330239005077889855323917509948255722081644689442127297605422579707142646660"
                        + "768825302832201908302295573257427896031830742328565032949"));
        assertEquals(BigInteger.valueOf(65537), prod.exponent());
        assertEquals(256, prod.sizeBytes());
    }

    @Test
    void pemRoundTrip() {
        RsaPublicKey prod = TelegramKeys.production().get(0);
        RsaPublicKey again = RsaPublicKey.fromPem(prod.toPem());
        assertEquals(prod, again);
        assertEquals(prod.fingerprint(), again.fingerprint());
    }

    @Test
    void fingerprintUsesUnsignedBytesWithoutSignByte() {
        // A modulus with the top bit set: BigInteger.toByteArray() would add a 0 byte; the TL bytes must not.
        BigInteger n = BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(12345));
        RsaPublicKey k = new RsaPublicKey(n, BigInteger.valueOf(65537));
        byte[] nBytes = BigInts.unsigned(n);
        assertEquals(256, nBytes.length);
        byte[] sha = Sha.sha1(RsaPublicKey.tlBytes(nBytes), RsaPublicKey.tlBytes(new byte[] {1, 0, 1}));
        assertEquals(AuthKey.le64(sha, 12), k.fingerprint());
        assertEquals(260, RsaPublicKey.tlBytes(nBytes).length); // 0xfe + 3 length bytes + 256, already aligned
    }

    @Test
    void badPemIsRefused() {
        CryptoException e = assertThrows(CryptoException.class, () -> RsaPublicKey.fromPem("hello"));
        assertTrue(e.getMessage().contains("BEGIN RSA PUBLIC KEY"), e.getMessage());
        e = assertThrows(
                CryptoException.class,
                () -> RsaPublicKey.fromPem("-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----"));
        assertTrue(e.getMessage().contains("PKCS#1"), e.getMessage());
        e = assertThrows(
                CryptoException.class,
                () -> RsaPublicKey.fromPem("-----BEGIN RSA PUBLIC KEY-----\n!!!\n-----END RSA PUBLIC KEY-----"));
        assertTrue(e.getMessage().contains("base64"), e.getMessage());
        e = assertThrows(CryptoException.class, () -> RsaPublicKey.fromPem("-----BEGIN RSA PUBLIC KEY-----\nMIIB"));
        assertTrue(e.getMessage().contains("END RSA PUBLIC KEY"), e.getMessage());
        e = assertThrows(
                CryptoException.class,
                () -> RsaPublicKey.fromPem("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----"));
        assertTrue(e.getMessage().contains("BEGIN PRIVATE KEY"), e.getMessage());
    }

    @Test
    void privateKeyPemRoundTripAndPublicHalf() {
        KeyPair pair = RsaPrivateKeys.generate(new SecureRandom());
        RSAPrivateKey priv = (RSAPrivateKey) pair.getPrivate();
        String pem = RsaPrivateKeys.toPem(priv);
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"), pem);
        RSAPrivateKey back = RsaPrivateKeys.fromPem(pem);
        assertEquals(priv.getModulus(), back.getModulus());
        assertEquals(priv.getPrivateExponent(), back.getPrivateExponent());
        RsaPublicKey pub = RsaPrivateKeys.publicKey(back);
        assertEquals(RsaPublicKey.of((RSAPublicKey) pair.getPublic()), pub);
        assertEquals(2048, pub.modulus().bitLength());
        assertEquals(pub, RsaPublicKey.fromPem(pub.toPem()));
        assertThrows(CryptoException.class, () -> RsaPrivateKeys.fromPem(pub.toPem()));
        assertThrows(
                CryptoException.class,
                () -> RsaPrivateKeys.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
    }
}
