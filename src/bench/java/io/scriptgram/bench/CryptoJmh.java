package io.scriptgram.bench;

import io.scriptgram.crypto.AesIge;
import io.scriptgram.crypto.AuthKey;
import io.scriptgram.crypto.MessageCipher;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH benchmarks behind {@code scriptgram bench crypto}. Buffers are {@link #SIZE} bytes, like {@code openssl speed -bytes 16384}. */
@State(Scope.Thread)
public class CryptoJmh {
    static final int SIZE = 16384;
    static final int SMALL_MESSAGE = 1024;
    static final int LARGE_MESSAGE = 64 * 1024;

    byte[] key;
    byte[] iv;
    byte[] buf;
    byte[] out;
    Cipher cbc;
    Cipher ecb;
    MessageDigest sha256;
    AuthKey authKey;
    SecureRandom random;
    byte[] small;
    byte[] large;

    @Setup
    public void setup() throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        key = bytes(r, 32);
        iv = bytes(r, 32);
        buf = bytes(r, SIZE);
        out = new byte[SIZE];
        cbc = Cipher.getInstance("AES/CBC/NoPadding");
        ecb = Cipher.getInstance("AES/ECB/NoPadding");
        sha256 = MessageDigest.getInstance("SHA-256");
        authKey = new AuthKey(bytes(r, AuthKey.SIZE));
        random = new SecureRandom();
        small = bytes(r, SMALL_MESSAGE);
        large = bytes(r, LARGE_MESSAGE);
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    @Benchmark
    public byte[] igeEncrypt() {
        AesIge.encryptInPlace(key, iv, buf, 0, SIZE);
        return buf;
    }

    @Benchmark
    public byte[] igeDecrypt() {
        AesIge.decryptInPlace(key, iv, buf, 0, SIZE);
        return buf;
    }

    /**
     * The alternative AesIge does not use for encryption: the IGE definition with one JCE ECB call per
     * block (no allocation per block). Kept here to show what the per-call overhead costs.
     */
    @Benchmark
    public byte[] igeEncryptPerBlockEcb() throws Exception {
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        byte[] x = new byte[16], y = new byte[16], prevC = new byte[16], prevP = new byte[16];
        System.arraycopy(iv, 0, prevC, 0, 16);
        System.arraycopy(iv, 16, prevP, 0, 16);
        for (int p = 0; p < SIZE; p += 16) {
            for (int i = 0; i < 16; i++) x[i] = (byte) (buf[p + i] ^ prevC[i]);
            ecb.update(x, 0, 16, y, 0);
            for (int i = 0; i < 16; i++) {
                byte c = (byte) (y[i] ^ prevP[i]);
                prevP[i] = buf[p + i];
                prevC[i] = c;
                buf[p + i] = c;
            }
        }
        return buf;
    }

    /** The JDK's own AES-256-CBC encryption of the same buffer: the ceiling for anything built on JCE. */
    @Benchmark
    public byte[] jceCbcEncrypt() throws Exception {
        cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv, 0, 16));
        cbc.update(buf, 0, SIZE, out, 0);
        return out;
    }

    @Benchmark
    public byte[] sha256() {
        sha256.update(buf, 0, SIZE);
        return sha256.digest();
    }

    /** One message each way: the client encrypts, the server decrypts (1 KiB payload). */
    @Benchmark
    public byte[] message1k() {
        return MessageCipher.decrypt(authKey, MessageCipher.encrypt(authKey, small, true, random), true);
    }

    @Benchmark
    public byte[] message64k() {
        return MessageCipher.decrypt(authKey, MessageCipher.encrypt(authKey, large, true, random), true);
    }
}
