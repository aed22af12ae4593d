package io.scriptgram.client;

import io.scriptgram.crypto.Srp;
import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The login conversation: phone → code → (2FA password) → (sign-up), a QR code scanned by another logged-in app, or a
 * bot token. Each step says what comes next; the CLI asks the user, tests and automation pass the answers.
 */
public final class Login {
    /** What the server wants next. */
    public sealed interface Step {
        /** Logged in as {@code user}. */
        record Done(TlObject user) implements Step {}

        /** A code was sent; call {@link #signIn}. {@code length} is the code's length when known, else 0. */
        record NeedCode(int length, String via) implements Step {}

        /** The account has a 2FA password; call {@link #checkPassword}. */
        record NeedPassword(String hint) implements Step {}

        /** The phone has no account yet; call {@link #signUp}. */
        record NeedSignUp() implements Step {}
    }

    /**
     * Phone + code in one go, for sandboxes and tests on a bare client (no session file): the logged-in user, or a
     * failure (RpcException) for a wrong code or an account with 2FA.
     */
    public static CompletableFuture<TlObject> withCode(ApiInvoker api, String phone, String code) {
        TlSchema schema = api.schema();
        return api.invoke(
                        "auth.sendCode",
                        Map.of(
                                "phone_number",
                                phone,
                                "api_id",
                                4,
                                "api_hash",
                                "sandbox",
                                "settings",
                                TlObject.of(schema, "codeSettings", Map.of())))
                .thenCompose(sent -> api.invoke(
                        "auth.signIn",
                        Map.of(
                                "phone_number",
                                phone,
                                "phone_code_hash",
                                ((TlObject) sent).getString("phone_code_hash"),
                                "phone_code",
                                code)))
                .thenApply(auth -> ((TlObject) auth).getObject("user"));
    }

    private final Account account;
    private final TlSchema schema;
    private final RandomGenerator random;
    private String phone;
    private String phoneCodeHash;

    Login(Account account, RandomGenerator random) {
        this.account = account;
        this.schema = account.api().schema();
        this.random = random;
    }

    public CompletableFuture<Step> sendCode(String phoneNumber) {
        this.phone = phoneNumber;
        ClientSettings s = account.settings();
        return account.api()
                .invoke(
                        "auth.sendCode",
                        Map.of(
                                "phone_number",
                                phoneNumber,
                                "api_id",
                                s.apiId(),
                                "api_hash",
                                s.apiHash(),
                                "settings",
                                TlObject.of(schema, "codeSettings", Map.of())))
                .thenApply(r -> {
                    TlObject sent = (TlObject) r;
                    if (sent.name().equals("auth.sentCodeSuccess")) return done(sent.getObject("authorization"));
                    phoneCodeHash = sent.getString("phone_code_hash");
                    TlObject type = sent.getObject("type");
                    return new Step.NeedCode(type.has("length") ? type.getInt("length") : 0, type.name());
                });
    }

    public CompletableFuture<Step> signIn(String code) {
        requireCodeSent();
        return account.api()
                .invoke(
                        "auth.signIn",
                        Map.of("phone_number", phone, "phone_code_hash", phoneCodeHash, "phone_code", code))
                .handle((r, err) -> {
                    if (err == null) return authorization((TlObject) r);
                    Throwable c = RpcClient.cause(err);
                    if (c instanceof RpcException e && e.type().equals("SESSION_PASSWORD_NEEDED")) return null;
                    throw propagate(c);
                })
                .thenCompose(step -> step != null ? CompletableFuture.completedFuture(step) : passwordHint());
    }

    private CompletableFuture<Step> passwordHint() {
        return account.api().invoke("account.getPassword", Map.of()).thenApply(r -> {
            TlObject p = (TlObject) r;
            return new Step.NeedPassword(p.has("hint") ? p.getString("hint") : "");
        });
    }

    /** Proves the 2FA password with SRP; the password never leaves this process. */
    public CompletableFuture<Step> checkPassword(String password) {
        return account.api()
                .invoke("account.getPassword", Map.of())
                .thenCompose(r -> {
                    TlObject p = (TlObject) r;
                    if (!p.has("current_algo")) throw new IllegalStateException("the account has no 2FA password");
                    TlObject algo = p.getObject("current_algo");
                    if (!algo.name().equals(Srp.ALGORITHM))
                        throw new IllegalStateException("unsupported password algorithm " + algo.name());
                    Srp.CheckPassword proof = Srp.client(
                            algo.getBytes("salt1"),
                            algo.getBytes("salt2"),
                            algo.getInt("g"),
                            algo.getBytes("p"),
                            p.getBytes("srp_B"),
                            p.getLong("srp_id"),
                            password,
                            random);
                    TlObject input = TlObject.of(
                            schema,
                            "inputCheckPasswordSRP",
                            Map.of("srp_id", proof.srpId(), "A", proof.A(), "M1", proof.M1()));
                    return account.api().invoke("auth.checkPassword", Map.of("password", input));
                })
                .thenApply(r -> authorization((TlObject) r));
    }

    public CompletableFuture<Step> signUp(String firstName, String lastName) {
        requireCodeSent();
        return account.api()
                .invoke(
                        "auth.signUp",
                        Map.of(
                                "phone_number",
                                phone,
                                "phone_code_hash",
                                phoneCodeHash,
                                "first_name",
                                firstName,
                                "last_name",
                                lastName == null ? "" : lastName))
                .thenApply(r -> authorization((TlObject) r));
    }

    /**
     * A QR login code to show: {@code url} (tg://login?token=…) for another logged-in app to scan, valid until
     * {@code expires}.
     */
    public record QrCode(String url, Instant expires) {}

    /**
     * QR login (core.telegram.org/api/qr-login): each token is handed to {@code show}, and a new one when it expires,
     * until a logged-in app accepts one (the server then pushes updateLoginToken). Completes with {@link Step.Done}, or
     * {@link Step.NeedPassword} for an account with 2FA. Cancelling the future stops it.
     */
    public CompletableFuture<Step> qr(Consumer<QrCode> show) {
        CompletableFuture<Step> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<Void>> accepted = new AtomicReference<>();
        AutoCloseable listening = account.onPush(u -> {
            if (carriesLoginToken(u)) accepted.get().complete(null);
        });
        result.whenComplete((r, e) -> {
            try {
                listening.close();
            } catch (Exception ignored) {
                // a list removal
            }
        });
        exportLoginToken(show, accepted, result);
        return result;
    }

    private void exportLoginToken(
            Consumer<QrCode> show, AtomicReference<CompletableFuture<Void>> accepted, CompletableFuture<Step> result) {
        if (result.isDone()) return;
        accepted.set(new CompletableFuture<>()); // before the call: an acceptance pushed meanwhile is not missed
        ClientSettings s = account.settings();
        onLoginToken(
                account.api()
                        .invoke(
                                "auth.exportLoginToken",
                                Map.of("api_id", s.apiId(), "api_hash", s.apiHash(), "except_ids", List.of())),
                show,
                accepted,
                result);
    }

    private void onLoginToken(
            CompletableFuture<Object> call,
            Consumer<QrCode> show,
            AtomicReference<CompletableFuture<Void>> accepted,
            CompletableFuture<Step> result) {
        call.whenComplete((r, err) -> {
            if (result.isDone()) return;
            if (err != null) {
                Throwable c = RpcClient.cause(err);
                if (c instanceof RpcException e && e.type().equals("SESSION_PASSWORD_NEEDED")) {
                    passwordHint().whenComplete((step, e2) -> {
                        if (e2 != null) result.completeExceptionally(RpcClient.cause(e2));
                        else result.complete(step);
                    });
                } else {
                    result.completeExceptionally(c);
                }
                return;
            }
            TlObject t = (TlObject) r;
            try {
                switch (t.name()) {
                    case "auth.loginToken" -> {
                        Instant expires = Instant.ofEpochSecond(t.getInt("expires"));
                        show.accept(new QrCode(
                                "tg://login?token="
                                        + Base64.getUrlEncoder()
                                                .withoutPadding()
                                                .encodeToString(t.getBytes("token")),
                                expires));
                        // the server's expiry on our clock: clamped, so a skewed clock neither floods exports nor shows
                        // a dead code long
                        long wait = Math.clamp(
                                expires.toEpochMilli() - account.clock().millis(), 5_000, 30_000);
                        accepted.get()
                                .completeOnTimeout(null, wait, TimeUnit.MILLISECONDS)
                                .thenRun(() -> exportLoginToken(
                                        show, accepted, result)); // accepted: the login; expired: a new token
                    }
                    case "auth.loginTokenMigrateTo" -> {
                        account.api().moveHomeTo(t.getInt("dc_id"));
                        onLoginToken(
                                account.api().invoke("auth.importLoginToken", Map.of("token", t.getBytes("token"))),
                                show,
                                accepted,
                                result);
                    }
                    case "auth.loginTokenSuccess" -> result.complete(authorization(t.getObject("authorization")));
                    default ->
                        result.completeExceptionally(
                                new IllegalStateException("unexpected answer to a QR login: " + t.name()));
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    private static boolean carriesLoginToken(TlObject pushed) {
        if (pushed.name().equals("updateLoginToken")) return true;
        if (pushed.name().equals("updateShort"))
            return pushed.getObject("update").name().equals("updateLoginToken");
        if (pushed.constructor().param("updates") != null) {
            for (Object u : pushed.getList("updates"))
                if (((TlObject) u).name().equals("updateLoginToken")) return true;
        }
        return false;
    }

    public CompletableFuture<Step> botToken(String token) {
        ClientSettings s = account.settings();
        return account.api()
                .invoke(
                        "auth.importBotAuthorization",
                        Map.of("flags", 0, "api_id", s.apiId(), "api_hash", s.apiHash(), "bot_auth_token", token))
                .thenApply(r -> authorization((TlObject) r));
    }

    private Step authorization(TlObject auth) {
        if (auth.name().equals("auth.authorizationSignUpRequired")) return new Step.NeedSignUp();
        return done(auth);
    }

    private Step done(TlObject auth) {
        TlObject user = auth.getObject("user");
        account.loggedInAs(user);
        return new Step.Done(user);
    }

    private void requireCodeSent() {
        if (phoneCodeHash == null) throw new IllegalStateException("send the code first (sendCode)");
    }

    private static RuntimeException propagate(Throwable t) {
        return t instanceof RuntimeException r ? r : new CompletionException(t);
    }
}
