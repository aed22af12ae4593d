package io.scriptgram.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;

/**
 * The private half for a server (the sandbox): generating a 2048-bit key and moving it in and out of PEM text (PKCS#8
 * "PRIVATE KEY"). File I/O is the caller's business.
 */
public final class RsaPrivateKeys {
    public static final int BITS = 2048;
    static final String PEM_TYPE = "PRIVATE KEY";

    private RsaPrivateKeys() {}

    /** A new 2048-bit RSA key with e = 65537. */
    public static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(BITS, RSAKeyGenParameterSpec.F4), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("RSA key generation failed", e);
        }
    }

    /** PKCS#8 PEM text ("-----BEGIN PRIVATE KEY-----") of a private key. */
    public static String toPem(RSAPrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null) throw new CryptoException("this RSA private key cannot be exported");
        return Pem.encode(PEM_TYPE, der);
    }

    /** Parses a PKCS#8 PEM RSA private key. */
    public static RSAPrivateKey fromPem(String pem) {
        byte[] der = Pem.decode(pem, PEM_TYPE);
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new CryptoException("PRIVATE KEY block is not a PKCS#8 RSA private key: " + e.getMessage(), e);
        }
    }

    /** The public half of a private key (needs the CRT form, which generated and PKCS#8 keys have). */
    public static RsaPublicKey publicKey(RSAPrivateKey key) {
        if (key instanceof RSAPrivateCrtKey crt) return new RsaPublicKey(crt.getModulus(), crt.getPublicExponent());
        throw new CryptoException("RSA private key has no public exponent (not in CRT form)");
    }

    /** The JDK form of a public key, for callers that want it. */
    public static RSAPublicKey toJdk(RsaPublicKey key) {
        try {
            return (RSAPublicKey)
                    KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.modulus(), key.exponent()));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot build JDK RSA public key", e);
        }
    }
}
