package io.scriptgram.mtproto;

import io.scriptgram.crypto.AesKeyIv;
import io.scriptgram.crypto.AuthKey;
import io.scriptgram.crypto.BigInts;
import io.scriptgram.crypto.CryptoException;
import io.scriptgram.crypto.DhChecks;
import io.scriptgram.crypto.RsaPad;
import io.scriptgram.crypto.RsaPrivateKeys;
import io.scriptgram.crypto.RsaSha1Pad;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlException;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlReader;
import io.scriptgram.tl.TlSchema;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The server half of the auth-key exchange, for the sandbox: {@link #receive} takes req_pq_multi, req_DH_params and
 * set_client_DH_params in order and returns resPQ, server_DH_params_ok and dh_gen_ok (or dh_gen_retry when
 * {@code acceptKey} refuses a key, e.g. because its id is taken). Every check a client could break is made; a failed
 * check throws and leaves the exchange failed. One instance per connection; not thread-safe.
 */
public final class AuthKeyExchangeServer {
    private static final Set<String> INNER_DATA =
            Set.of("p_q_inner_data", "p_q_inner_data_dc", "p_q_inner_data_temp", "p_q_inner_data_temp_dc");
    private static final int MAX_RETRIES = 5;

    private enum State {
        AWAIT_REQ_PQ,
        AWAIT_REQ_DH_PARAMS,
        AWAIT_SET_CLIENT_DH_PARAMS,
        DONE,
        FAILED
    }

    private final TlSchema schema;
    private final TlCodec codec;
    private final Map<Long, RSAPrivateKey> keys = new LinkedHashMap<>();
    private final BigInteger dhPrime;
    private final int g;
    private final RandomGenerator random;
    private final InstantSource clock;
    private final Predicate<AuthKey> acceptKey;

    private State state = State.AWAIT_REQ_PQ;
    private byte[] nonce;
    private byte[] serverNonce;
    private byte[] newNonce;
    private byte[] pqBytes, pBytes, qBytes;
    private TlObject resPq;
    private AesKeyIv tmp;
    private BigInteger a;

    /**
     * The server's secret exponent is 256 bits, not the 2048 a client draws: with a 2048-bit safe prime that still
     * leaves about 2^128 work for the best attack on short exponents (Pollard's lambda), and makes the server's two
     * modular powers about eight times cheaper. This server is the offline sandbox, where one host may start hundreds
     * of accounts at once and the key exchange was the largest single cost (bench accounts' profile). g_a stays a full
     * 2048-bit value and passes the same range checks.
     */
    static final int EXPONENT_BYTES = 32;

    private long expectedRetryId;
    private int retries;
    private TlObject innerData;
    private AuthKeyResult result;
    private boolean sha1Rsa;

    /** With Telegram's 2048-bit prime and g = 3, accepting every key. */
    public AuthKeyExchangeServer(List<RSAPrivateKey> keys, RandomGenerator random, InstantSource clock) {
        this(keys, DhChecks.KNOWN_PRIME, 3, random, clock, k -> true);
    }

    /**
     * @param keys private keys whose fingerprints resPQ offers (the first is preferred by clients that know several)
     * @param dhPrime a 2048-bit safe prime; {@code g} must generate its subgroup of order (p-1)/2 (checked)
     * @param acceptKey false for a key that must not be used (its id is already taken): the client is told dh_gen_retry
     */
    public AuthKeyExchangeServer(
            List<RSAPrivateKey> keys,
            BigInteger dhPrime,
            int g,
            RandomGenerator random,
            InstantSource clock,
            Predicate<AuthKey> acceptKey) {
        this.schema = TlSchema.bundled();
        this.codec = new TlCodec(schema);
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) throw new IllegalArgumentException("no RSA private keys");
        for (RSAPrivateKey k : keys) this.keys.put(RsaPrivateKeys.publicKey(k).fingerprint(), k);
        DhChecks.checkPrimeAndGenerator(dhPrime, g);
        this.dhPrime = dhPrime;
        this.g = g;
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.acceptKey = Objects.requireNonNull(acceptKey, "acceptKey");
    }

    /** Answers one client request of the exchange. */
    public TlObject receive(TlObject request) {
        Objects.requireNonNull(request, "request");
        String name = request.name();
        if (state == State.FAILED) throw new AuthKeyExchangeException(name + ": the exchange already failed");
        if ((name.equals("req_pq_multi") || name.equals("req_pq"))
                && resPq != null
                && state == State.AWAIT_REQ_DH_PARAMS
                && MessageDigest.isEqual(request.getBytes("nonce"), nonce)) {
            return resPq; // a resent req_pq_multi gets the same answer
        }
        String expected = switch (state) {
            case AWAIT_REQ_PQ -> "req_pq_multi";
            case AWAIT_REQ_DH_PARAMS -> "req_DH_params";
            case AWAIT_SET_CLIENT_DH_PARAMS -> "set_client_DH_params";
            default -> null;
        };
        if (expected == null) throw new AuthKeyExchangeException(name + ": the exchange already finished");
        boolean fits = name.equals(expected) || (expected.equals("req_pq_multi") && name.equals("req_pq"));
        if (!fits) throw new AuthKeyExchangeException("unexpected " + name + ": the server waits for " + expected);
        try {
            return switch (state) {
                case AWAIT_REQ_PQ -> onReqPq(request);
                case AWAIT_REQ_DH_PARAMS -> onReqDhParams(request);
                default -> onSetClientDhParams(request);
            };
        } catch (RuntimeException e) {
            state = State.FAILED;
            if (e instanceof AuthKeyExchangeException) throw e;
            throw new AuthKeyExchangeException(name + ": " + e.getMessage(), e);
        }
    }

    /** The key, once dh_gen_ok was sent; null before. */
    public AuthKeyResult result() {
        return result;
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    /** The client's p_q_inner_data* (its dc, and expires_in for a temporary key); null before req_DH_params. */
    public TlObject innerData() {
        return innerData;
    }

    private TlObject onReqPq(TlObject req) {
        nonce = req.getBytes("nonce");
        serverNonce = draw(16);
        long p = randomPrime(30), q;
        do {
            q = randomPrime(31);
        } while (q == p);
        pqBytes = BigInts.unsigned(BigInteger.valueOf(p * q));
        pBytes = BigInts.unsigned(BigInteger.valueOf(p));
        qBytes = BigInts.unsigned(BigInteger.valueOf(q));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nonce", nonce);
        m.put("server_nonce", serverNonce);
        m.put("pq", pqBytes);
        m.put("server_public_key_fingerprints", new ArrayList<Object>(keys.keySet()));
        resPq = TlObject.of(schema, "resPQ", m);
        state = State.AWAIT_REQ_DH_PARAMS;
        return resPq;
    }

    private TlObject onReqDhParams(TlObject req) {
        checkNonces("req_DH_params", req);
        if (!MessageDigest.isEqual(req.getBytes("p"), pBytes) || !MessageDigest.isEqual(req.getBytes("q"), qBytes)) {
            throw new AuthKeyExchangeException("req_DH_params.p/q are not the factors of pq");
        }
        long fingerprint = req.getLong("public_key_fingerprint");
        RSAPrivateKey key = keys.get(fingerprint);
        if (key == null) {
            throw new AuthKeyExchangeException(
                    "req_DH_params.public_key_fingerprint " + String.format("%016x", fingerprint)
                            + " is not one of ours " + AuthKeyExchangeClient.hexList(List.copyOf(keys.keySet())));
        }
        TlObject inner = openInnerData(req.getBytes("encrypted_data"), key);
        if (!INNER_DATA.contains(inner.name())) {
            throw new AuthKeyExchangeException(
                    "req_DH_params.encrypted_data holds " + inner.name() + ", expected p_q_inner_data*");
        }
        checkNonces(inner.name(), inner);
        if (!MessageDigest.isEqual(inner.getBytes("pq"), pqBytes)
                || !MessageDigest.isEqual(inner.getBytes("p"), pBytes)
                || !MessageDigest.isEqual(inner.getBytes("q"), qBytes)) {
            throw new AuthKeyExchangeException(inner.name() + ": pq, p, q do not match resPQ");
        }
        if (inner.has("expires_in") && inner.getInt("expires_in") <= 0) {
            throw new AuthKeyExchangeException(
                    inner.name() + ".expires_in must be positive, got " + inner.getInt("expires_in"));
        }
        innerData = inner;
        newNonce = inner.getBytes("new_nonce");
        tmp = ExchangeCrypto.tmpAesKeyIv(serverNonce, newNonce);

        BigInteger gA = null;
        while (gA == null) {
            a = BigInts.toBigInteger(draw(EXPONENT_BYTES));
            BigInteger candidate = BigInteger.valueOf(g).modPow(a, dhPrime);
            try {
                DhChecks.checkGa(candidate, dhPrime);
                gA = candidate;
            } catch (CryptoException e) {
                // drawn again; happens with probability about 2^-63
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nonce", nonce);
        m.put("server_nonce", serverNonce);
        m.put("g", g);
        m.put("dh_prime", BigInts.unsigned(dhPrime, 256));
        m.put("g_a", BigInts.unsigned(gA, 256));
        m.put("server_time", (int) (clock.millis() / 1000));
        byte[] answer = TlCodec.encode(TlObject.of(schema, "server_DH_inner_data", m));
        byte[] encrypted = ExchangeCrypto.encryptWithHash(answer, draw(ExchangeCrypto.paddingFor(answer.length)), tmp);

        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("nonce", nonce);
        ok.put("server_nonce", serverNonce);
        ok.put("encrypted_answer", encrypted);
        state = State.AWAIT_SET_CLIENT_DH_PARAMS;
        return TlObject.of(schema, "server_DH_params_ok", ok);
    }

    private TlObject onSetClientDhParams(TlObject req) {
        checkNonces("set_client_DH_params", req);
        TlObject inner = ExchangeCrypto.decryptWithHash(
                codec,
                req.getBytes("encrypted_data"),
                tmp,
                "set_client_DH_params.encrypted_data",
                "client_DH_inner_data");
        checkNonces("client_DH_inner_data", inner);
        long retryId = inner.getLong("retry_id");
        if (retryId != expectedRetryId) {
            throw new AuthKeyExchangeException("client_DH_inner_data.retry_id is " + Long.toHexString(retryId)
                    + ", expected " + Long.toHexString(expectedRetryId)
                    + (expectedRetryId == 0 ? " on the first attempt" : " (the previous key's aux hash)"));
        }
        BigInteger gB = BigInts.toBigInteger(inner.getBytes("g_b"));
        try {
            DhChecks.checkGa(gB, dhPrime);
        } catch (CryptoException e) {
            throw new AuthKeyExchangeException(
                    "client_DH_inner_data.g_b: " + e.getMessage().replace("g_a", "g_b"), e);
        }
        AuthKey key = new AuthKey(BigInts.unsigned(gB.modPow(a, dhPrime), 256));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nonce", nonce);
        m.put("server_nonce", serverNonce);
        if (!acceptKey.test(key)) {
            if (++retries > MAX_RETRIES)
                throw new AuthKeyExchangeException(
                        "set_client_DH_params: " + MAX_RETRIES + " keys in a row were refused");
            expectedRetryId = key.auxHash();
            m.put("new_nonce_hash2", ExchangeCrypto.newNonceHash(newNonce, 2, key.auxHash()));
            return TlObject.of(schema, "dh_gen_retry", m);
        }
        m.put("new_nonce_hash1", ExchangeCrypto.newNonceHash(newNonce, 1, key.auxHash()));
        result = new AuthKeyResult(key, ExchangeCrypto.firstSalt(newNonce, serverNonce), 0);
        state = State.DONE;
        return TlObject.of(schema, "dh_gen_ok", m);
    }

    /**
     * p_q_inner_data* from encrypted_data in either form Telegram accepts: RSA_PAD, else the older SHA-1 digest + data
     * + padding to 255 bytes.
     */
    private TlObject openInnerData(byte[] encrypted, RSAPrivateKey key) {
        String padFailure;
        try {
            byte[] data = RsaPad.decrypt(encrypted, key);
            return codec.readObject(new TlReader(data));
        } catch (CryptoException e) {
            padFailure = e.getMessage();
        } catch (TlException e) {
            padFailure = "RSA_PAD data is not a TL object: " + e.getMessage();
        }
        try {
            byte[] data = RsaSha1Pad.open(encrypted, key, rest -> {
                TlReader r = new TlReader(rest);
                codec.readObject(r);
                return r.position();
            });
            TlObject inner = codec.decode(data);
            sha1Rsa = true;
            return inner;
        } catch (CryptoException | TlException e) {
            throw new AuthKeyExchangeException("req_DH_params.encrypted_data: " + padFailure
                    + "; nor is it the older SHA-1 form: " + e.getMessage());
        }
    }

    /** True when the client encrypted p_q_inner_data the older way (SHA-1 digest, no RSA_PAD). */
    public boolean usedSha1Rsa() {
        return sha1Rsa;
    }

    private void checkNonces(String message, TlObject o) {
        ExchangeCrypto.checkNonce(message, "nonce", o.getBytes("nonce"), nonce);
        ExchangeCrypto.checkNonce(message, "server_nonce", o.getBytes("server_nonce"), serverNonce);
    }

    /** A random prime of {@code bits + 1} bits, in [2^bits, 2^(bits+1)). */
    private long randomPrime(int bits) {
        while (true) {
            long c = random.nextLong(1L << bits, 1L << (bits + 1)) | 1;
            if (BigInteger.valueOf(c).isProbablePrime(40)) return c;
        }
    }

    private byte[] draw(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
