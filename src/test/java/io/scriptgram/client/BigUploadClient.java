package io.scriptgram.client;

import io.scriptgram.client.files.Uploader;
import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.net.TransportChoice;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client process for {@link UploadMemoryTest}: logs in to a running sandbox and uploads {@code MIB} MiB of generated
 * bytes, more than its own heap holds; prints "uploaded" and the InputFile at the end. Exits non-zero on any failure
 * (the test starts it with {@code -XX:+ExitOnOutOfMemoryError}).
 */
public final class BigUploadClient {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        RsaPublicKey key = RsaPublicKey.fromPem(Files.readString(Path.of(args[1])));
        long size = Long.parseLong(args[2]) << 20;
        TlSchema schema = TlSchema.bundled();
        ClientSettings settings = ClientSettings.of(4, "sandbox", TransportChoice.parse("intermediate"), List.of(key))
                .withRequestTimeout(Duration.ofSeconds(60));
        try (RpcClient c = RpcClient.ephemeral(settings, schema, new Endpoint("127.0.0.1", port), u -> {})) {
            Login.withCode(c, "+999 66 1 1234", "12345").get(60, TimeUnit.SECONDS);
            TlObject file = new Uploader(c)
                    .upload(new Generated(size), size, "big.bin", (done, total) -> {
                        if (done % (64L << 20) == 0)
                            System.out.println("uploaded " + (done >> 20) + " of " + (total >> 20));
                    })
                    .get(10, TimeUnit.MINUTES);
            System.out.println("uploaded " + file);
        }
        System.exit(0);
    }

    /** {@code size} bytes made as they are read; a hashed counter, as incompressible as media. */
    private static final class Generated extends InputStream {
        private long left;
        private long n;

        Generated(long size) {
            left = size;
        }

        @Override
        public int read() {
            if (left == 0) return -1;
            left--;
            return (int) (n++ & 0xff);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int k = (int) Math.min(len, left);
            for (int i = 0; i < k; i++) b[off + i] = (byte) (n++ * 0x9E3779B97F4A7C15L >>> 56);
            left -= k;
            return k;
        }
    }
}
