package io.scriptgram.sandbox;

import static io.scriptgram.sandbox.Replies.fields;

import io.scriptgram.tl.TlObject;
import java.util.HexFormat;
import java.util.List;

/**
 * auth.*: login with the world's fixed code (sendCode → signIn, signUp for a new phone, SESSION_PASSWORD_NEEDED for 2FA
 * accounts, PHONE_MIGRATE_X on the wrong DC), bot login by token, and moving an authorization to another DC
 * (export/import).
 */
final class AuthHandlers {
    private AuthHandlers() {}

    static void register(Handlers h, World w, Faults faults) {
        h.registerPublic("auth.sendCode", (ctx, req) -> sendCode(w, faults, ctx, req));
        h.registerPublic("auth.signIn", (ctx, req) -> signIn(w, faults, ctx, req));
        h.registerPublic("auth.signUp", (ctx, req) -> signUp(w, faults, ctx, req));
        h.registerPublic("auth.resendCode", (ctx, req) -> resendCode(w, ctx, req));
        h.registerPublic("auth.cancelCode", (ctx, req) -> cancelCode(w, ctx, req));
        h.register("help.acceptTermsOfService", (ctx, req) -> Boolean.TRUE); // after signUp, as apps do
        h.registerPublic("auth.importAuthorization", (ctx, req) -> importAuthorization(w, ctx, req));
        h.registerPublic("auth.importBotAuthorization", (ctx, req) -> importBot(w, ctx, req));
        h.register("auth.exportAuthorization", (ctx, req) -> exportAuthorization(w, ctx, req));
        h.registerPublic("auth.exportLoginToken", (ctx, req) -> exportLoginToken(w, ctx));
        h.register("auth.acceptLoginToken", (ctx, req) -> acceptLoginToken(w, ctx, req));
        h.registerPublic("auth.importLoginToken", (ctx, req) -> importLoginToken(w, ctx, req));
        h.register("auth.logOut", (ctx, req) -> {
            ctx.logOut();
            return Replies.of(ctx.schema(), "auth.loggedOut");
        });
    }

    /** The phone as digits, refused when it cannot be a phone number. */
    private static String phone(TlObject req) {
        String digits = Phones.digits(req.getString("phone_number"));
        if (digits.length() < 5 || digits.length() > 15) throw SandboxRpcError.badRequest("PHONE_NUMBER_INVALID");
        return digits;
    }

    /** The DC the account of {@code phone} lives on (a new phone: its test-number DC if the world has it). */
    private static int homeDc(World w, Faults faults, CallContext ctx, String phone) {
        int forced = faults.phoneMigrateDc(phone);
        if (forced != 0) return forced;
        SandboxUser u = w.userByPhone(phone);
        if (u != null) return u.homeDc();
        int test = Phones.testDc(phone);
        return w.dc(test) != null ? test : ctx.dc();
    }

    private static void checkDc(World w, Faults faults, CallContext ctx, String phone) {
        int home = homeDc(w, faults, ctx, phone);
        if (home != ctx.dc()) throw new SandboxRpcError(303, "PHONE_MIGRATE_" + home);
    }

    private static TlObject sendCode(World w, Faults faults, CallContext ctx, TlObject req) {
        String phone = phone(req);
        if (req.getInt("api_id") <= 0) throw SandboxRpcError.badRequest("API_ID_INVALID");
        checkDc(w, faults, ctx, phone);
        byte[] raw = new byte[8];
        w.random.nextBytes(raw);
        String hash = HexFormat.of().formatHex(raw);
        w.logins.codeSent(phone, hash);
        return sentCode(w, ctx, "auth.sentCodeTypeApp", hash, true);
    }

    /** auth.sentCode; {@code more}: the code can be sent again by SMS (auth.resendCode). */
    private static TlObject sentCode(World w, CallContext ctx, String type, String hash, boolean more) {
        return Replies.of(
                ctx.schema(),
                "auth.sentCode",
                fields(
                        "type",
                        Replies.of(
                                ctx.schema(),
                                type,
                                fields("length", w.loginCode().length())),
                        "phone_code_hash",
                        hash,
                        "next_type",
                        more ? Replies.of(ctx.schema(), "auth.codeTypeSms") : null));
    }

    /**
     * The code again, by SMS this time, under the same phone_code_hash (the code stays the world's). Once by SMS, there
     * is no other way left: SEND_CODE_UNAVAILABLE, as Telegram answers when every option was used.
     */
    private static TlObject resendCode(World w, CallContext ctx, TlObject req) {
        String phone = phone(req);
        String hash = req.getString("phone_code_hash");
        if (hash.isEmpty()) throw SandboxRpcError.badRequest("PHONE_CODE_HASH_EMPTY");
        if (!w.logins.hashMatches(phone, hash)) throw SandboxRpcError.badRequest("PHONE_CODE_EXPIRED");
        if (!w.logins.resent(phone)) throw new SandboxRpcError(406, "SEND_CODE_UNAVAILABLE");
        return sentCode(w, ctx, "auth.sentCodeTypeSms", hash, false);
    }

    /** The code sent (or accepted for sign-up) under this hash is void: signIn and signUp with it answer EXPIRED. */
    private static Boolean cancelCode(World w, CallContext ctx, TlObject req) {
        String phone = phone(req);
        if (!w.logins.cancel(phone, req.getString("phone_code_hash")))
            throw SandboxRpcError.badRequest("PHONE_CODE_EXPIRED");
        return Boolean.TRUE;
    }

    /**
     * The code for a phone with no account is accepted for sign-up: signIn answers authorizationSignUpRequired (with
     * the terms of service to show), and keeps answering it for that verified hash until signUp uses it, as Telegram
     * does.
     */
    private static TlObject signIn(World w, Faults faults, CallContext ctx, TlObject req) {
        String phone = phone(req);
        checkDc(w, faults, ctx, phone);
        String hash = req.getString("phone_code_hash");
        boolean signUpPending = w.userByPhone(phone) == null && w.logins.isVerified(phone, hash);
        if (!signUpPending && !w.logins.hashMatches(phone, hash))
            throw SandboxRpcError.badRequest("PHONE_CODE_EXPIRED");
        String code = req.has("phone_code") ? req.getString("phone_code") : "";
        if (code.isEmpty()) throw SandboxRpcError.badRequest("PHONE_CODE_EMPTY");
        if (!code.equals(w.loginCode())) throw SandboxRpcError.badRequest("PHONE_CODE_INVALID");
        if (!signUpPending) w.logins.codeAccepted(phone);
        SandboxUser u = w.userByPhone(phone);
        if (u == null) {
            return Replies.of(ctx.schema(), "auth.authorizationSignUpRequired", fields("terms_of_service", terms(ctx)));
        }
        if (u.hasPassword()) {
            ctx.passwordPending(u.id());
            throw new SandboxRpcError(401, "SESSION_PASSWORD_NEEDED");
        }
        return authorized(w, ctx, u, false);
    }

    private static TlObject signUp(World w, Faults faults, CallContext ctx, TlObject req) {
        String phone = phone(req);
        checkDc(w, faults, ctx, phone);
        String hash = req.getString("phone_code_hash");
        if (w.userByPhone(phone) != null) throw SandboxRpcError.badRequest("PHONE_NUMBER_OCCUPIED");
        if (!w.logins.isVerified(phone, hash)) throw SandboxRpcError.badRequest("PHONE_CODE_EXPIRED");
        String first = req.getString("first_name").strip();
        if (first.isEmpty() || first.length() > 64) throw SandboxRpcError.badRequest("FIRST_NAME_INVALID");
        String last = req.getString("last_name").strip();
        if (last.length() > 64) throw SandboxRpcError.badRequest("LASTNAME_INVALID");
        w.logins.takeVerified(phone, hash);
        SandboxUser u = new SandboxUser(
                w.newPeerId(),
                w.randomLong(),
                first,
                last,
                List.of(),
                phone,
                homeDc(w, faults, ctx, phone),
                null,
                null,
                false,
                null);
        w.putUser(u);
        return authorized(w, ctx, u, false);
    }

    /** The sandbox's terms of service, shown before sign-up (a popup, as Telegram sends for new accounts). */
    static final String TERMS_ID = "sandbox-tos-1";

    private static TlObject terms(CallContext ctx) {
        return Replies.of(
                ctx.schema(),
                "help.termsOfService",
                fields(
                        "popup",
                        true,
                        "id",
                        Replies.of(ctx.schema(), "dataJSON", fields("data", "{\"id\":\"" + TERMS_ID + "\"}")),
                        "text",
                        "This is an offline sandbox: nothing you do here reaches Telegram.",
                        "entities",
                        List.of()));
    }

    private static TlObject importBot(World w, CallContext ctx, TlObject req) {
        String token = req.getString("bot_auth_token");
        for (SandboxUser u : w.users()) {
            if (u.bot() && u.botToken() != null && u.botToken().equals(token)) {
                if (u.homeDc() != ctx.dc()) throw new SandboxRpcError(303, "USER_MIGRATE_" + u.homeDc());
                return authorized(w, ctx, u, false);
            }
        }
        throw SandboxRpcError.badRequest("ACCESS_TOKEN_INVALID");
    }

    private static TlObject exportAuthorization(World w, CallContext ctx, TlObject req) {
        int dc = req.getInt("dc_id");
        if (dc == ctx.dc() || w.dc(dc) == null) throw SandboxRpcError.badRequest("DC_ID_INVALID");
        byte[] bytes = new byte[32];
        w.random.nextBytes(bytes);
        w.logins.exported(new Logins.Export(ctx.userId(), dc, bytes));
        return Replies.of(ctx.schema(), "auth.exportedAuthorization", fields("id", ctx.userId(), "bytes", bytes));
    }

    private static TlObject importAuthorization(World w, CallContext ctx, TlObject req) {
        long id = req.getLong("id");
        if (w.logins.takeExport(id, ctx.dc(), req.getBytes("bytes")) == null)
            throw SandboxRpcError.badRequest("AUTH_BYTES_INVALID");
        SandboxUser u = w.user(id);
        if (u == null) throw SandboxRpcError.badRequest("USER_ID_INVALID");
        return authorized(w, ctx, u, true);
    }

    /** A new QR login token, or, once a logged-in user has accepted the last one, the login itself. */
    private static TlObject exportLoginToken(World w, CallContext ctx) {
        Logins.QrToken accepted = w.logins.acceptedQrToken(ctx);
        if (accepted != null) return loginTokenResult(w, ctx, accepted);
        byte[] token = new byte[32];
        w.random.nextBytes(token);
        Logins.QrToken t = new Logins.QrToken(token, ctx, w.now() + w.logins.qrTokenSeconds());
        w.logins.newQrToken(t);
        return Replies.of(ctx.schema(), "auth.loginToken", fields("expires", t.expires, "token", token));
    }

    /** Another logged-in app scanned the code: the exporting session is told with updateLoginToken. */
    private static TlObject acceptLoginToken(World w, CallContext ctx, TlObject req) {
        Logins.QrToken t = w.logins.qrToken(req.getBytes("token"));
        if (t == null) throw SandboxRpcError.badRequest("AUTH_TOKEN_INVALID");
        if (w.now() > t.expires) throw SandboxRpcError.badRequest("AUTH_TOKEN_EXPIRED");
        if (t.acceptedBy != 0) throw SandboxRpcError.badRequest("AUTH_TOKEN_ALREADY_ACCEPTED");
        t.acceptedBy = ctx.userId();
        ctx.emitTo(
                t.session,
                Replies.of(
                        ctx.schema(),
                        "updateShort",
                        fields("update", Replies.of(ctx.schema(), "updateLoginToken"), "date", w.now())));
        return Replies.of(
                ctx.schema(),
                "authorization",
                fields(
                        "hash",
                        w.randomLong(),
                        "device_model",
                        "Scriptgram",
                        "platform",
                        "JVM",
                        "app_name",
                        "Scriptgram",
                        "date_created",
                        w.now(),
                        "date_active",
                        w.now(),
                        "ip",
                        "127.0.0.1",
                        "country",
                        "Sandbox"));
    }

    /** After loginTokenMigrateTo: the accepted token, on the user's home DC. */
    private static TlObject importLoginToken(World w, CallContext ctx, TlObject req) {
        Logins.QrToken t = w.logins.qrToken(req.getBytes("token"));
        if (t == null || t.acceptedBy == 0) throw SandboxRpcError.badRequest("AUTH_TOKEN_INVALID");
        if (w.now() > t.expires) throw SandboxRpcError.badRequest("AUTH_TOKEN_EXPIRED");
        return loginTokenResult(w, ctx, t);
    }

    private static TlObject loginTokenResult(World w, CallContext ctx, Logins.QrToken t) {
        SandboxUser u = w.user(t.acceptedBy);
        if (u.homeDc() != ctx.dc()) {
            return Replies.of(ctx.schema(), "auth.loginTokenMigrateTo", fields("dc_id", u.homeDc(), "token", t.token));
        }
        w.logins.removeQrToken(t);
        if (u.hasPassword()) {
            ctx.passwordPending(u.id());
            throw new SandboxRpcError(401, "SESSION_PASSWORD_NEEDED");
        }
        return Replies.of(
                ctx.schema(), "auth.loginTokenSuccess", fields("authorization", authorized(w, ctx, u, false)));
    }

    /** Logs the session in and answers auth.authorization with the user as they see themselves. */
    static TlObject authorized(World w, CallContext ctx, SandboxUser u, boolean viaImport) {
        ctx.logIn(u, viaImport);
        return Replies.of(ctx.schema(), "auth.authorization", fields("user", new TlViews(w, ctx).user(u)));
    }
}
