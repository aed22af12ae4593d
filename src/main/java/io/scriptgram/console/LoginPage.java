package io.scriptgram.console;

import static io.scriptgram.console.Html.esc;

import io.scriptgram.client.Account;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Logging an account in from the browser: phone, then the code, then the 2FA password when the account has one; or a QR
 * code that a logged-in app scans (then the 2FA password too). The host goes on running meanwhile. One login at a time;
 * the code and password are never shown back, kept or logged.
 */
final class LoginPage {
    private static final Logger LOG = Logger.getLogger("scriptgram.console");
    private final ConsoleHost host;

    /** The login under way (null: none), the account it is for, and what it needs next. */
    private Login login;

    private Account account;
    private Login.Step step;
    private String message = "";

    /** A QR login waiting for a scan (null: none), and the code it shows now (null until the server gave one). */
    private CompletableFuture<Login.Step> qrWait;

    private volatile Login.QrCode qrCode;
    /** When the QR code was last shown: nobody looking for {@link #QR_UNWATCHED} stops the QR login. */
    private volatile long qrLookedAt;

    static final Duration QR_UNWATCHED = Duration.ofMinutes(2);

    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    LoginPage(ConsoleHost host) {
        this.host = host;
    }

    synchronized Reply page(Call c) {
        StringBuilder b = new StringBuilder("<h1>Login</h1>");
        List<Account> accounts = host.accounts();
        for (int i = 0; i < accounts.size(); i++) {
            Account a = accounts.get(i);
            b.append("<p>Account ")
                    .append(i + 1)
                    .append(": <span class=\"")
                    .append(a.loggedIn() ? "ok" : "bad")
                    .append("\">")
                    .append(
                            a.loggedIn()
                                    ? "logged in as "
                                            + esc(a.self().map(Pages::userLabel).orElse(""))
                                    : "not logged in")
                    .append("</span></p>");
        }
        if (!message.isEmpty())
            b.append("<p id=\"login-message\" class=\"bad\">")
                    .append(esc(message))
                    .append("</p>");
        Account waiting = firstNotLoggedIn();
        if (login == null && waiting == null) {
            b.append("<p id=\"login-done\">Every account is logged in.</p>");
        } else if (qrWait != null) {
            b.append("<div id=\"qr-login\" data-refresh=\"/login/qr\">")
                    .append(qrFragment())
                    .append(
                            "</div><noscript><p>Reload the page to see a new code when this one expires.</p></noscript>");
        } else if (login == null || step == null) {
            b.append(form("/login/phone", c.csrf(), "Phone number", "phone", "tel", "+9996611234"));
            b.append("<p>or</p><form method=\"post\" action=\"/login/qr\" class=\"toolbar\"><input type=\"hidden\""
                            + " name=\"csrf\" value=\"")
                    .append(esc(c.csrf()))
                    .append("\"><button type=\"submit\" id=\"login-qr\">Log in with a QR code</button></form>");
        } else if (step instanceof Login.Step.NeedCode need) {
            b.append("<p>A code was sent (")
                    .append(esc(need.via()))
                    .append(need.length() > 0 ? ", " + need.length() + " digits" : "")
                    .append(").</p>")
                    .append(form("/login/code", c.csrf(), "Code", "code", "text", ""));
        } else if (step instanceof Login.Step.NeedPassword need) {
            b.append("<p>The account has a 2FA password")
                    .append(need.hint().isEmpty() ? "" : " (hint: " + esc(need.hint()) + ")")
                    .append(".</p>")
                    .append(form("/login/password", c.csrf(), "Password", "password", "password", ""));
        } else if (step instanceof Login.Step.NeedSignUp) {
            b.append("<p>That phone number has no account; sign it up with <code>scriptgram login</code>.</p>");
        }
        if (login != null) b.append(Html.button("/login/cancel", c.csrf(), "Start over"));
        return Reply.html(Html.page("Login", "/static/", c.csrf(), true, b.toString()));
    }

    private static String form(String action, String csrf, String label, String name, String type, String hint) {
        return "<form method=\"post\" action=\"" + action + "\" class=\"toolbar\"><input type=\"hidden\" name=\"csrf\""
                + " value=\"" + esc(csrf) + "\"><label>" + label + " <input id=\"login-" + name + "\" name=\"" + name
                + "\" type=\"" + type + "\" autocomplete=\"off\" placeholder=\"" + esc(hint) + "\" required></label>"
                + "<button type=\"submit\" id=\"login-submit\">Continue</button></form>";
    }

    /**
     * The live part of a QR login (also served alone at /login/qr for the page's refresh): the code while it waits for
     * a scan, or, once the login moved on, a note that sends the browser back to the login page for the next step.
     */
    Reply qrPart(Call c) {
        return Reply.html(qrFragment());
    }

    private String qrFragment() {
        qrLookedAt = System.nanoTime();
        CompletableFuture<Login.Step> waiting;
        synchronized (this) {
            waiting = qrWait;
        }
        if (waiting == null)
            return "<p id=\"qr-next\" data-reload=\"/login\">The QR login moved on: <a href=\"/login\">continue</a>.</p>";
        Login.QrCode code = qrCode;
        if (code == null) return "<p>Asking the server for a code…</p>";
        return "<p>Scan this code with a Telegram app that is logged in to the account (Settings → Devices → Link"
                + " Desktop Device). A new code replaces it when it expires (this one at "
                + HH_MM_SS.format(code.expires().atOffset(ZoneOffset.UTC).toLocalTime())
                + " UTC).</p>" + QrSvg.render(code.url(), "qr-code", 6);
    }

    /** Starts a QR login for the first account not logged in; the page then shows its codes as they come. */
    private void startQr() {
        account = firstNotLoggedIn();
        if (account == null) {
            message = "every account is logged in already";
            return;
        }
        login = account.login();
        step = null;
        qrCode = null;
        qrLookedAt = System.nanoTime();
        CompletableFuture<Login.Step> wait = login.qr(code -> {
            qrCode = code;
            if (System.nanoTime() - qrLookedAt > QR_UNWATCHED.toNanos()) {
                LOG.info("console: the QR login stopped: nobody looked at its code for " + QR_UNWATCHED.toMinutes()
                        + " minutes");
                cancelQr();
            }
        });
        qrWait = wait;
        // off the client's threads: they must never wait for this page's lock
        wait.whenCompleteAsync((next, err) -> qrEnded(wait, next, err));
    }

    private synchronized void cancelQr() {
        if (qrWait != null) qrWait.cancel(false);
    }

    private synchronized void qrEnded(CompletableFuture<Login.Step> wait, Login.Step next, Throwable err) {
        if (qrWait != wait) return; // started over meanwhile
        qrWait = null;
        qrCode = null;
        if (err != null) {
            login = null;
            step = null;
            Throwable t = RpcClient.cause(err);
            if (t instanceof CancellationException) return;
            message = t instanceof RpcException e
                    ? "the server refused the QR login: " + e.type()
                    : "the QR login failed: " + (t.getMessage() == null ? t.toString() : t.getMessage());
            return;
        }
        step = next;
        finishIfDone();
    }

    private Account firstNotLoggedIn() {
        for (Account a : host.accounts()) if (!a.loggedIn()) return a;
        return null;
    }

    synchronized Reply step(Call c) {
        message = "";
        try {
            switch (c.path()) {
                case "/login/cancel" -> {
                    if (qrWait != null) qrWait.cancel(false);
                    qrWait = null;
                    qrCode = null;
                    login = null;
                    step = null;
                }
                case "/login/qr" -> {
                    if (login != null) message = "a login is under way: finish it or start over";
                    else startQr();
                }
                case "/login/phone" -> {
                    account = firstNotLoggedIn();
                    String phone = c.param("phone");
                    if (account == null) message = "every account is logged in already";
                    else if (phone == null || !phone.trim().matches("\\+?[0-9 ()-]{5,20}"))
                        message = "give a phone number in international form, such as +9996611234";
                    else {
                        login = account.login();
                        step = await(login.sendCode(phone.trim().replaceAll("[ ()-]", "")));
                    }
                }
                case "/login/code" -> {
                    if (login == null) message = "start with the phone number";
                    else
                        step = await(login.signIn(
                                c.param("code") == null ? "" : c.param("code").trim()));
                }
                default -> {
                    if (login == null) message = "start with the phone number";
                    else step = await(login.checkPassword(c.param("password") == null ? "" : c.param("password")));
                }
            }
        } catch (RpcException e) {
            message = switch (e.type()) {
                case "PHONE_CODE_INVALID" -> "that code is wrong: try again";
                case "PHONE_CODE_EXPIRED" -> "that code has expired: start over";
                case "PASSWORD_HASH_INVALID" -> "that password is wrong: try again";
                case "PHONE_NUMBER_INVALID" -> "that phone number is not valid";
                default -> "the server refused: " + e.type();
            };
        } catch (TimeoutException e) {
            message = "the server did not answer in time: try again";
        } catch (RuntimeException e) {
            message = "login failed: " + e.getMessage();
        }
        finishIfDone();
        return Reply.seeOther("/login");
    }

    private void finishIfDone() {
        if (step instanceof Login.Step.Done done) {
            LOG.info("console: account logged in as user id " + done.user().getLong("id"));
            Account a = account;
            login = null;
            step = null;
            CompletableFuture<Void> unused = a.startUpdates(); // catches up and follows its updates from now on
        }
    }

    private static Login.Step await(CompletableFuture<Login.Step> f) throws TimeoutException {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            Throwable t = RpcClient.cause(e);
            if (t instanceof RpcException r) throw r;
            throw new IllegalStateException(t.getMessage() == null ? t.toString() : t.getMessage());
        }
    }
}
