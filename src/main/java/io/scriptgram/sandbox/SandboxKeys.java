package io.scriptgram.sandbox;

import io.scriptgram.crypto.RsaPrivateKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;

/**
 * The sandbox's RSA key on disk: a PKCS#8 PEM private key (created 0600 when missing) and its PKCS#1 PEM public key
 * written beside it, for clients of other libraries that want to trust it.
 */
public final class SandboxKeys {
    private SandboxKeys() {}

    /** Reads {@code keyFile}, or creates it; (re)writes the public key to {@code publicKeyFile}. */
    public static RSAPrivateKey loadOrCreate(Path keyFile, Path publicKeyFile) {
        try {
            RSAPrivateKey key;
            if (Files.exists(keyFile)) {
                try {
                    key = RsaPrivateKeys.fromPem(Files.readString(keyFile));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            keyFile + " is not a PKCS#8 PEM RSA private key: " + e.getMessage(), e);
                }
            } else {
                key = generate(new SecureRandom());
                Path parent = keyFile.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.writeString(keyFile, "");
                restrict(keyFile);
                Files.writeString(keyFile, RsaPrivateKeys.toPem(key));
            }
            Files.writeString(publicKeyFile, RsaPrivateKeys.publicKey(key).toPem());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new sandbox key whose fingerprint's top hex digit is not 0. mtcute (0.28.2 and the releases around it) reads
     * the server's fingerprints as unpadded hex ({@code toUnsigned().toString(16)}) and looks them up among its keys'
     * padded ones, so one fresh key in 16 would be refused by it as unknown; the loop costs another key that often.
     */
    public static RSAPrivateKey generate(SecureRandom random) {
        while (true) {
            RSAPrivateKey key = (RSAPrivateKey) RsaPrivateKeys.generate(random).getPrivate();
            if (RsaPrivateKeys.publicKey(key).fingerprint() >>> 60 != 0) return key;
        }
    }

    /** Where the public key goes by default: beside the private key, {@code NAME.pub.pem}. */
    public static Path defaultPublicKeyFile(Path keyFile) {
        String name = keyFile.getFileName().toString();
        String base = name.endsWith(".pem") ? name.substring(0, name.length() - 4) : name;
        return keyFile.resolveSibling(base + ".pub.pem");
    }

    private static void restrict(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: nothing more to do.
        }
    }
}
