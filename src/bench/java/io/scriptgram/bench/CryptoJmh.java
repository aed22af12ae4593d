package io.scriptgram.bench;

import io.scriptgram.crypto.AuthKey;
import io.scriptgram.crypto.MessageCipher;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks behind {@code scriptgram bench crypto}: SHA-256 of 16 KiB and whole MTProto messages (AES itself:
 * {@link AesRounds}).
 */
@State(Scope.Thread)
public class CryptoJmh {
    static final int SIZE = 16384;
    static final int SMALL_MESSAGE = 1024;
    static final int LARGE_MESSAGE = 64 * 1024;

    byte[] buf;
    MessageDigest sha256;
    AuthKey authKey;
    SecureRandom random;
    byte[] small;
    byte[] large;

    @Setup
    public void setup() throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        buf = bytes(r, SIZE);
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
