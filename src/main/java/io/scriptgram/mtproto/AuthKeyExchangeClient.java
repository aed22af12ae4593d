package io.scriptgram.mtproto;

import io.scriptgram.crypto.AesKeyIv;
import io.scriptgram.crypto.AuthKey;
import io.scriptgram.crypto.BigInts;
import io.scriptgram.crypto.CryptoException;
import io.scriptgram.crypto.DhChecks;
import io.scriptgram.crypto.PqFactor;
import io.scriptgram.crypto.RsaPad;
import io.scriptgram.crypto.RsaPublicKey;
import io.scriptgram.crypto.RsaSha1Pad;
import io.scriptgram.tl.TlCodec;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The client half of the auth-key exchange (core.telegram.org/mtproto/auth_key) as sans-IO steps: {@link #start()}
 * gives req_pq_multi; each server answer goes to {@link #receive} (or the step's own method) which checks it and gives
 * the next request, until a {@link KeyExchangeStep.Done} with the key. One instance runs one exchange; it is not
 * thread-safe. After any failed check it stays failed.
 */
public final class AuthKeyExchangeClient {
    /** How many dh_gen_retry answers are accepted before giving up. */
    static final int MAX_RETRIES = 5;

    private static final int MAX_EXPONENT_DRAWS = 16;

    private enum State {
        NEW,
        AWAIT_RES_PQ,
        AWAIT_DH_PARAMS,
        AWAIT_DH_GEN,
        DONE,
        FAILED
    }

    private final TlSchema schema;
    private final TlCodec codec;
    private final Map<Long, RsaPublicKey> keys = new LinkedHashMap<>();
    private final Integer dcId;
    private final int expiresIn;
    private final ClientRandom random;
    private final InstantSource clock;

    private State state = State.NEW;
    private byte[] nonce;
    private byte[] serverNonce;
    private byte[] newNonce;
    private AesKeyIv tmp;
    private BigInteger dhPrime;
    private BigInteger gA;
    private int g;
    private int serverTimeOffset;
    private AuthKey pendingKey;
    private int retries;
    private boolean sha1Rsa;

    /**
     * @param keys the server keys we trust (e.g. {@code TelegramKeys.production()})
     * @param dcId the DC id put in p_q_inner_data_dc (+10000 for test DCs, negative for media DCs)
     * @param random source of nonces, padding and the DH exponent (a SecureRandom outside tests)
     * @param clock to compute the server's clock offset
     */
    public AuthKeyExchangeClient(List<RsaPublicKey> keys, int dcId, RandomGenerator random, InstantSource clock) {
        this(TlSchema.bundled(), keys, dcId, 0, ClientRandom.of(Objects.requireNonNull(random, "random")), clock);
    }

    /** A temporary key (p_q_inner_data_temp_dc) valid for {@code expiresIn} seconds, for PFS. */
    public static AuthKeyExchangeClient temporary(
            List<RsaPublicKey> keys, int dcId, int expiresIn, RandomGenerator random, InstantSource clock) {
        if (expiresIn <= 0) throw new IllegalArgumentException("expiresIn must be positive, got " + expiresIn);
        return new AuthKeyExchangeClient(
                TlSchema.bundled(),
                keys,
                dcId,
                expiresIn,
                ClientRandom.of(Objects.requireNonNull(random, "random")),
                clock);
    }

    /** @param dcId null: the legacy p_q_inner_data without a DC (what grammers' recorded handshake sends) */
    AuthKeyExchangeClient(
            TlSchema schema,
            List<RsaPublicKey> keys,
            Integer dcId,
            int expiresIn,
            ClientRandom random,
            InstantSource clock) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.codec = new TlCodec(schema);
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) throw new IllegalArgumentException("no RSA public keys to trust");
        for (RsaPublicKey k : keys) this.keys.put(k.fingerprint(), k);
        this.dcId = dcId;
        this.expiresIn = expiresIn;
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Encrypts p_q_inner_data the older way (SHA-1 digest, data, random padding to 255 bytes, raw RSA) instead of
     * RSA_PAD, as some widely used clients still do; for testing servers. Call before {@link #start()}.
     */
    public AuthKeyExchangeClient withSha1Rsa() {
        expect(State.NEW, "withSha1Rsa()");
        sha1Rsa = true;
        return this;
    }

    /** The first request: req_pq_multi with a fresh nonce. */
    public TlObject start() {
        expect(State.NEW, "start()");
        nonce = checkedLength(random.nonce(), 16, "nonce");
        state = State.AWAIT_RES_PQ;
        return TlObject.of(schema, "req_pq_multi", Map.of("nonce", nonce));
    }

    /** Feeds whichever answer the current step waits for. */
    public KeyExchangeStep receive(TlObject answer) {
        Objects.requireNonNull(answer, "answer");
        return switch (state) {
            case AWAIT_RES_PQ -> new KeyExchangeStep.Send(onResPq(answer));
            case AWAIT_DH_PARAMS -> new KeyExchangeStep.Send(onServerDhParams(answer));
            case AWAIT_DH_GEN -> onDhGenAnswer(answer);
            case NEW -> throw new AuthKeyExchangeException("received " + answer.name() + " before start()");
            case DONE ->
                throw new AuthKeyExchangeException("received " + answer.name() + ": the exchange already finished");
            case FAILED ->
                throw new AuthKeyExchangeException(
                        "received " + answer.name() + ": the exchange already failed; start a new one");
        };
    }

    /** resPQ → req_DH_params: picks a known key, factors pq, RSA_PAD-encrypts p_q_inner_data. */
    public TlObject onResPq(TlObject resPq) {
        expect(State.AWAIT_RES_PQ, resPq.name());
        return guarded(() -> {
            requireName(resPq, "resPQ");
            ExchangeCrypto.checkNonce("resPQ", "nonce", resPq.getBytes("nonce"), nonce);
            serverNonce = resPq.getBytes("server_nonce");
            byte[] pqBytes = resPq.getBytes("pq");
            if (pqBytes.length == 0 || pqBytes.length > 8) {
                throw new AuthKeyExchangeException(
                        "resPQ.pq must be 1..8 bytes (a 64-bit number), got " + pqBytes.length);
            }
            RsaPublicKey key = null;
            long fingerprint = 0;
            for (Object f : resPq.getList("server_public_key_fingerprints")) {
                key = keys.get((Long) f);
                if (key != null) {
                    fingerprint = (Long) f;
                    break;
                }
            }
            if (key == null) {
                throw new AuthKeyExchangeException("resPQ.server_public_key_fingerprints "
                        + hexList(resPq.getList("server_public_key_fingerprints")) + " name no key we trust "
                        + hexList(List.copyOf(keys.keySet())));
            }
            long pq = BigInts.toBigInteger(pqBytes).longValue();
            if (pqBytes.length == 8 && pq < 0) throw new AuthKeyExchangeException("resPQ.pq is above 2^63");
            PqFactor.Factors f;
            try {
                f = PqFactor.factor(pq);
            } catch (CryptoException e) {
                throw new AuthKeyExchangeException("resPQ.pq: " + e.getMessage(), e);
            }
            byte[] p = BigInts.unsigned(BigInteger.valueOf(f.p()));
            byte[] q = BigInts.unsigned(BigInteger.valueOf(f.q()));
            newNonce = checkedLength(random.newNonce(), 32, "new_nonce");

            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("pq", pqBytes);
            inner.put("p", p);
            inner.put("q", q);
            inner.put("nonce", nonce);
            inner.put("server_nonce", serverNonce);
            inner.put("new_nonce", newNonce);
            String innerName;
            if (dcId == null) {
                innerName = expiresIn > 0 ? "p_q_inner_data_temp" : "p_q_inner_data";
            } else {
                innerName = expiresIn > 0 ? "p_q_inner_data_temp_dc" : "p_q_inner_data_dc";
                inner.put("dc", dcId);
            }
            if (expiresIn > 0) inner.put("expires_in", expiresIn);
            byte[] data = TlCodec.encode(TlObject.of(schema, innerName, inner));
            byte[] encrypted = sha1Rsa
                    ? RsaSha1Pad.encrypt(data, key, random.rsaPadding(RsaSha1Pad.MAX_DATA - data.length))
                    : RsaPad.encrypt(data, key, random.rsaPadding(192 - data.length), random::rsaTempKey);

            tmp = ExchangeCrypto.tmpAesKeyIv(serverNonce, newNonce);
            state = State.AWAIT_DH_PARAMS;
            Map<String, Object> req = new LinkedHashMap<>();
            req.put("nonce", nonce);
            req.put("server_nonce", serverNonce);
            req.put("p", p);
            req.put("q", q);
            req.put("public_key_fingerprint", fingerprint);
            req.put("encrypted_data", encrypted);
            return TlObject.of(schema, "req_DH_params", req);
        });
    }

    /** server_DH_params_ok → set_client_DH_params: decrypts and checks the DH parameters, makes g_b and the key. */
    public TlObject onServerDhParams(TlObject answer) {
        expect(State.AWAIT_DH_PARAMS, answer.name());
        return guarded(() -> {
            String name = answer.name();
            if (!name.equals("server_DH_params_ok") && !name.equals("server_DH_params_fail")) {
                throw new AuthKeyExchangeException(
                        "expected server_DH_params_ok or server_DH_params_fail, got " + name);
            }
            ExchangeCrypto.checkNonce(name, "nonce", answer.getBytes("nonce"), nonce);
            ExchangeCrypto.checkNonce(name, "server_nonce", answer.getBytes("server_nonce"), serverNonce);
            if (name.equals("server_DH_params_fail")) {
                if (!MessageDigest.isEqual(answer.getBytes("new_nonce_hash"), ExchangeCrypto.failNonceHash(newNonce))) {
                    throw new AuthKeyExchangeException(
                            "server_DH_params_fail.new_nonce_hash does not match SHA1(new_nonce)");
                }
                throw new AuthKeyExchangeException("the server refused req_DH_params (server_DH_params_fail)");
            }
            TlObject inner = ExchangeCrypto.decryptWithHash(
                    codec,
                    answer.getBytes("encrypted_answer"),
                    tmp,
                    "server_DH_params_ok.encrypted_answer",
                    "server_DH_inner_data");
            ExchangeCrypto.checkNonce("server_DH_inner_data", "nonce", inner.getBytes("nonce"), nonce);
            ExchangeCrypto.checkNonce(
                    "server_DH_inner_data", "server_nonce", inner.getBytes("server_nonce"), serverNonce);
            dhPrime = BigInts.toBigInteger(inner.getBytes("dh_prime"));
            g = inner.getInt("g");
            gA = BigInts.toBigInteger(inner.getBytes("g_a"));
            try {
                DhChecks.checkPrimeAndGenerator(dhPrime, g);
                DhChecks.checkGa(gA, dhPrime);
            } catch (CryptoException e) {
                throw new AuthKeyExchangeException("server_DH_inner_data: " + e.getMessage(), e);
            }
            serverTimeOffset = inner.getInt("server_time") - (int) (clock.millis() / 1000);
            state = State.AWAIT_DH_GEN;
            return clientDhParams(0);
        });
    }

    /** dh_gen_ok → Done; dh_gen_retry → Send (a new set_client_DH_params); dh_gen_fail → Fail. Every hash checked. */
    public KeyExchangeStep onDhGenAnswer(TlObject answer) {
        expect(State.AWAIT_DH_GEN, answer.name());
        return guarded(() -> {
            String name = answer.name();
            int number = switch (name) {
                case "dh_gen_ok" -> 1;
                case "dh_gen_retry" -> 2;
                case "dh_gen_fail" -> 3;
                default ->
                    throw new AuthKeyExchangeException("expected dh_gen_ok, dh_gen_retry or dh_gen_fail, got " + name);
            };
            ExchangeCrypto.checkNonce(name, "nonce", answer.getBytes("nonce"), nonce);
            ExchangeCrypto.checkNonce(name, "server_nonce", answer.getBytes("server_nonce"), serverNonce);
            String field = "new_nonce_hash" + number;
            if (!MessageDigest.isEqual(
                    answer.getBytes(field), ExchangeCrypto.newNonceHash(newNonce, number, pendingKey.auxHash()))) {
                throw new AuthKeyExchangeException(
                        name + "." + field + " does not match SHA1(new_nonce, " + number + ", auth_key_aux_hash)");
            }
            switch (number) {
                case 1 -> {
                    state = State.DONE;
                    return new KeyExchangeStep.Done(new AuthKeyResult(
                            pendingKey, ExchangeCrypto.firstSalt(newNonce, serverNonce), serverTimeOffset));
                }
                case 2 -> {
                    if (++retries > MAX_RETRIES)
                        throw new AuthKeyExchangeException(
                                "the server asked for dh_gen_retry more than " + MAX_RETRIES + " times");
                    return new KeyExchangeStep.Send(clientDhParams(pendingKey.auxHash()));
                }
                default -> {
                    state = State.FAILED;
                    return new KeyExchangeStep.Fail("the server answered dh_gen_fail");
                }
            }
        });
    }

    /** Whether {@link #receive} still expects an answer. */
    public boolean inProgress() {
        return state == State.AWAIT_RES_PQ || state == State.AWAIT_DH_PARAMS || state == State.AWAIT_DH_GEN;
    }

    /** A fresh b, g_b and key, sent as set_client_DH_params with {@code retryId}. */
    private TlObject clientDhParams(long retryId) {
        BigInteger gBig = BigInteger.valueOf(g);
        BigInteger b = null, gB = null;
        for (int i = 0; i < MAX_EXPONENT_DRAWS && gB == null; i++) {
            b = BigInts.toBigInteger(checkedLength(random.dhExponent(), 256, "b"));
            BigInteger candidate = gBig.modPow(b, dhPrime);
            try {
                DhChecks.checkGa(candidate, dhPrime);
                gB = candidate;
            } catch (CryptoException e) {
                // A b whose g_b falls outside the safe range is drawn again (probability about 2^-63).
            }
        }
        if (gB == null) throw new AuthKeyExchangeException("g_b: no secret exponent gave a g_b inside the safe range");
        pendingKey = new AuthKey(BigInts.unsigned(gA.modPow(b, dhPrime), 256));

        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("nonce", nonce);
        inner.put("server_nonce", serverNonce);
        inner.put("retry_id", retryId);
        inner.put("g_b", BigInts.unsigned(gB));
        byte[] data = TlCodec.encode(TlObject.of(schema, "client_DH_inner_data", inner));
        byte[] encrypted =
                ExchangeCrypto.encryptWithHash(data, random.padding(ExchangeCrypto.paddingFor(data.length)), tmp);

        Map<String, Object> req = new LinkedHashMap<>();
        req.put("nonce", nonce);
        req.put("server_nonce", serverNonce);
        req.put("encrypted_data", encrypted);
        return TlObject.of(schema, "set_client_DH_params", req);
    }

    private void expect(State wanted, String what) {
        if (state == wanted) return;
        if (state == State.FAILED)
            throw new AuthKeyExchangeException(what + ": the exchange already failed; start a new one");
        if (state == State.DONE) throw new AuthKeyExchangeException(what + ": the exchange already finished");
        throw new AuthKeyExchangeException(what + " is out of order: the client is at " + state);
    }

    private <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            state = State.FAILED;
            if (e instanceof AuthKeyExchangeException) throw e;
            throw new AuthKeyExchangeException("key exchange: " + e.getMessage(), e);
        }
    }

    private static void requireName(TlObject o, String name) {
        if (!o.name().equals(name)) throw new AuthKeyExchangeException("expected " + name + ", got " + o.name());
    }

    private static byte[] checkedLength(byte[] b, int n, String what) {
        if (b == null || b.length != n) throw new IllegalStateException(what + " must be " + n + " random bytes");
        return b;
    }

    static String hexList(List<?> fingerprints) {
        StringBuilder sb = new StringBuilder("[");
        for (Object f : fingerprints) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(String.format("%016x", (Long) f));
        }
        return sb.append(']').toString();
    }
}
