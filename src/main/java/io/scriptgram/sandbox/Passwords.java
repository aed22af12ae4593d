package io.scriptgram.sandbox;

import io.scriptgram.crypto.CryptoException;
import io.scriptgram.crypto.DhChecks;
import io.scriptgram.crypto.Srp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The server half of 2FA (SRP, core.telegram.org/api/srp) for the world's password accounts: salts and verifier per
 * user (the password itself is only used once, to make the verifier), and the srp_id / srp_B last handed out by
 * account.getPassword. Guarded by the world's lock.
 */
final class Passwords {
    /** g and p as Telegram sends them in account.password (its 2048-bit prime with g = 3). */
    static final int G = 3;

    static final byte[] P = unsigned256(DhChecks.KNOWN_PRIME.toByteArray());

    record Challenge(byte[] salt1, byte[] salt2, long srpId, byte[] srpB) {}

    private static final class State {
        byte[] salt1, salt2, verifier;
        long srpId;
        Srp.ServerSession session;
    }

    private final Map<Long, State> states = new HashMap<>();

    /** A fresh challenge (srp_id, srp_B) for {@code user}, who has a password. */
    Challenge challenge(SandboxUser user, RandomGenerator random) {
        State s = states.computeIfAbsent(user.id(), k -> {
            State n = new State();
            n.salt1 = new byte[40];
            n.salt2 = new byte[16];
            random.nextBytes(n.salt1);
            random.nextBytes(n.salt2);
            n.verifier = Srp.verifier(n.salt1, n.salt2, G, P, user.password());
            return n;
        });
        s.srpId = random.nextLong();
        s.session = Srp.serverStart(s.verifier, G, P, random);
        return new Challenge(
                s.salt1.clone(), s.salt2.clone(), s.srpId, s.session.B().clone());
    }

    /**
     * Checks inputCheckPasswordSRP against the last challenge: SRP_ID_INVALID when it answers another (or none),
     * PASSWORD_HASH_INVALID when the proof is wrong. Each challenge is answered once.
     */
    void check(long userId, long srpId, byte[] a, byte[] m1) {
        State s = states.get(userId);
        if (s == null || s.session == null || s.srpId != srpId) throw SandboxRpcError.badRequest("SRP_ID_INVALID");
        Srp.ServerSession session = s.session;
        s.session = null;
        boolean ok;
        try {
            ok = Srp.verify(s.verifier, session.b(), session.B(), a, m1, s.salt1, s.salt2, G, P);
        } catch (CryptoException e) {
            throw SandboxRpcError.badRequest("SRP_A_INVALID");
        }
        if (!ok) throw SandboxRpcError.badRequest("PASSWORD_HASH_INVALID");
    }

    private static byte[] unsigned256(byte[] b) {
        return b.length == 256 ? b : Arrays.copyOfRange(b, b.length - 256, b.length);
    }
}
