package io.scriptgram.console;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console's TLS certificate and key from PEM files (console.tls_cert, console.tls_key) as a key store. */
final class PemKeys {
    private static final Pattern KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private PemKeys() {}

    /** A random password for the in-memory key store (it never leaves this process). */
    static char[] password() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b).toCharArray();
    }

    static KeyStore keyStore(Path certFile, Path keyFile, char[] password) throws IOException {
        try {
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile)))
                    .toArray(new Certificate[0]);
            if (chain.length == 0) throw new IOException(certFile + ": no certificate in it (a PEM file expected)");
            String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
            Matcher m = KEY.matcher(pem);
            if (!m.find())
                throw new IOException(keyFile + ": no '-----BEGIN PRIVATE KEY-----' block (a PKCS#8 PEM key expected;"
                        + " convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)");
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            String alg = chain[0].getPublicKey().getAlgorithm();
            PrivateKey key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("console", key, password, chain);
            return ks;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("console TLS: " + certFile + " / " + keyFile + ": " + e.getMessage(), e);
        }
    }
}
