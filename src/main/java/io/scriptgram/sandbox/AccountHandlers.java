package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;

/**
 * 2FA: account.getPassword (the SRP parameters, also before login once signIn answered SESSION_PASSWORD_NEEDED) and
 * auth.checkPassword (the proof, which completes the login).
 */
final class AccountHandlers {
    private AccountHandlers() {}

    static void register(Handlers h, World w) {
        h.registerPublic("account.getPassword", (ctx, req) -> getPassword(w, ctx));
        h.registerPublic("auth.checkPassword", (ctx, req) -> checkPassword(w, ctx, req));
    }

    /** The user the session is proving or managing a password for. */
    private static SandboxUser subject(World w, CallContext ctx) {
        long id = ctx.loggedIn() ? ctx.userId() : ctx.passwordPendingUserId();
        if (id == 0) throw new SandboxRpcError(401, "AUTH_KEY_UNREGISTERED");
        return w.user(id);
    }

    private static TlObject getPassword(World w, CallContext ctx) {
        SandboxUser u = subject(w, ctx);
        byte[] newSalt1 = new byte[8], secureRandom = new byte[8];
        w.random.nextBytes(newSalt1);
        w.random.nextBytes(secureRandom);
        TlObject newAlgo = Replies.of(
                ctx.schema(),
                "passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow",
                fields("salt1", newSalt1, "salt2", new byte[16], "g", Passwords.G, "p", Passwords.P));
        TlObject secureAlgo = Replies.of(
                ctx.schema(), "securePasswordKdfAlgoPBKDF2HMACSHA512iter100000", fields("salt", secureRandom));
        if (!u.hasPassword()) {
            return Replies.of(
                    ctx.schema(),
                    "account.password",
                    fields("new_algo", newAlgo, "new_secure_algo", secureAlgo, "secure_random", secureRandom));
        }
        Passwords.Challenge c = w.passwords.challenge(u, w.random);
        TlObject current = Replies.of(
                ctx.schema(),
                "passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow",
                fields("salt1", c.salt1(), "salt2", c.salt2(), "g", Passwords.G, "p", Passwords.P));
        return Replies.of(
                ctx.schema(),
                "account.password",
                fields(
                        "has_password",
                        true,
                        "current_algo",
                        current,
                        "srp_B",
                        c.srpB(),
                        "srp_id",
                        c.srpId(),
                        "hint",
                        u.passwordHint(),
                        "new_algo",
                        newAlgo,
                        "new_secure_algo",
                        secureAlgo,
                        "secure_random",
                        secureRandom));
    }

    private static TlObject checkPassword(World w, CallContext ctx, TlObject req) {
        SandboxUser u = subject(w, ctx);
        TlObject p = req.getObject("password");
        if (!p.name().equals("inputCheckPasswordSRP") || !u.hasPassword())
            throw SandboxRpcError.badRequest("PASSWORD_HASH_INVALID");
        w.passwords.check(u.id(), p.getLong("srp_id"), p.getBytes("A"), p.getBytes("M1"));
        return AuthHandlers.authorized(w, ctx, u, false);
    }
}
