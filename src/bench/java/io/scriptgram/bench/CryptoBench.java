package io.scriptgram.bench;

import io.scriptgram.crypto.PqFactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scriptgram bench crypto}: AES-256-IGE, SHA-256 and whole MTProto 2.0 messages, beside {@code openssl speed
 * -evp aes-256-cbc} run as a child process in the same run.
 */
public final class CryptoBench implements Bench {
    private static final Pattern OPENSSL_LINE = Pattern.compile("(?i)^\\s*aes-256-cbc\\s+([0-9.]+)k\\s*$");

    @Override
    public String name() {
        return "crypto";
    }

    @Override
    public String description() {
        return "AES-256-IGE encrypt/decrypt (16 KiB) vs openssl speed aes-256-cbc, SHA-256, "
                + "MTProto message encrypt+decrypt (1 KiB, 64 KiB); best of interleaved rounds";
    }

    @Override
    public LinkedHashMap<String, Double> run(boolean quick) throws Exception {
        Map<String, Double> aes = new AesRounds().measure(quick);
        Map<String, Double> ops = JmhRunner.bestOpsPerSecond(CryptoJmh.class, quick);
        double enc = aes.get("ige_encrypt_mb_s"), dec = aes.get("ige_decrypt_mb_s");
        Double sslEnc = aes.get("openssl_cbc_encrypt_mb_s"), sslDec = aes.get("openssl_cbc_decrypt_mb_s");
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put("ige_encrypt_mb_s", enc);
        out.put("ige_decrypt_mb_s", dec);
        if (sslEnc != null) {
            out.put("openssl_cbc_encrypt_mb_s", sslEnc);
            out.put("ige_encrypt_vs_openssl_cbc_ratio", enc / sslEnc);
        }
        if (sslDec != null) {
            // CBC decryption runs many blocks at once; IGE decryption is serial, so this ratio is low by nature.
            out.put("openssl_cbc_decrypt_mb_s", sslDec);
            out.put("ige_decrypt_vs_openssl_cbc_ratio", dec / sslDec);
        }
        if (sslEnc != null) out.put("ige_decrypt_vs_openssl_cbc_encrypt_ratio", dec / sslEnc);
        double jceCbc = aes.get("jce_cbc_encrypt_mb_s");
        out.put("jce_cbc_encrypt_mb_s", jceCbc);
        out.put("ige_encrypt_vs_jce_cbc_ratio", enc / jceCbc);
        out.put("ige_encrypt_per_block_ecb_mb_s", aes.get("ige_encrypt_per_block_ecb_mb_s"));
        out.put("sha256_mb_s", ops.get("sha256") * CryptoJmh.SIZE / 1e6);
        out.put("message_1k_encrypt_decrypt_s", ops.get("message1k"));
        out.put("message_64k_encrypt_decrypt_s", ops.get("message64k"));
        out.put("message_64k_encrypt_decrypt_mb_s", ops.get("message64k") * CryptoJmh.LARGE_MESSAGE / 1e6);
        pqFactorisation(out, quick ? 100 : 1000);
        return out;
    }

    /** Pollard-Brent on products of two random 31/32-bit primes, as servers send them in resPQ: mean and worst time. */
    private static void pqFactorisation(LinkedHashMap<String, Double> out, int n) {
        SplittableRandom r = new SplittableRandom(2026);
        long[] pq = new long[n];
        for (int i = 0; i < n; i++) {
            long a = BigInteger.valueOf(r.nextLong(1L << 30, 1L << 31))
                    .nextProbablePrime()
                    .longValue();
            long b = BigInteger.valueOf(r.nextLong(1L << 31, 1L << 32))
                    .nextProbablePrime()
                    .longValue();
            pq[i] = a * b;
        }
        for (int i = 0; i < Math.min(n, 50); i++) PqFactor.factor(pq[i]); // warm-up
        long total = 0, worst = 0;
        for (long x : pq) {
            long t0 = System.nanoTime();
            PqFactor.factor(x);
            long t = System.nanoTime() - t0;
            total += t;
            worst = Math.max(worst, t);
        }
        out.put("pq_factor_mean_ms", total / (double) n / 1e6);
        out.put("pq_factor_max_ms", worst / 1e6);
    }

    /**
     * MB/s (10^6 bytes) from {@code openssl speed}, or empty (with a note on stderr) when openssl is missing or its
     * output is not understood.
     */
    static OptionalDouble opensslCbc(boolean decrypt, int seconds) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "speed"));
        if (decrypt) cmd.add("-decrypt");
        cmd.addAll(List.of("-evp", "aes-256-cbc", "-bytes", "16384", "-seconds", Integer.toString(seconds)));
        String output;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder sb = new StringBuilder();
                for (String line; (line = r.readLine()) != null; )
                    sb.append(line).append('\n');
                output = sb.toString();
            }
            int rc = p.waitFor();
            if (rc != 0) {
                System.err.println("crypto bench: '" + String.join(" ", cmd) + "' exited with " + rc
                        + "; OpenSSL figures omitted");
                return OptionalDouble.empty();
            }
        } catch (IOException e) {
            System.err.println("crypto bench: openssl not found (" + e.getMessage() + "); OpenSSL figures omitted");
            return OptionalDouble.empty();
        }
        OptionalDouble v = parseOpensslSpeed(output);
        if (v.isEmpty())
            System.err.println("crypto bench: no 'aes-256-cbc NNNk' line in openssl output; OpenSSL figures omitted");
        return v;
    }

    /** The last "aes-256-cbc 1481009.49k" line: thousands of bytes per second → MB/s. */
    static OptionalDouble parseOpensslSpeed(String output) {
        OptionalDouble found = OptionalDouble.empty();
        for (String line : output.split("\n")) {
            Matcher m = OPENSSL_LINE.matcher(line);
            if (m.matches()) found = OptionalDouble.of(Double.parseDouble(m.group(1)) * 1000 / 1e6);
        }
        return found;
    }
}
