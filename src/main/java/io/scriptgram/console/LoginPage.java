package io.scriptgram.console;

import static io.scriptgram.console.Html.esc;

import io.scriptgram.client.Account;
import io.scriptgram.client.Login;
import io.scriptgram.client.RpcClient;
import io.scriptgram.client.RpcException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Logging an account in from the browser: phone, then the code, then the 2FA password when the account has one. The
 * host goes on running meanwhile. One login at a time; the code and password are never shown back, kept or logged.
 */
final class LoginPage {
    private static final Logger LOG = Logger.getLogger("scriptgram.console");
    private final ConsoleHost host;

    /** The login under way (null: none), the account it is for, and what it needs next. */
    private Login login;

    private Account account;
    private Login.Step step;
    private String message = "";

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
        } else if (login == null || step == null) {
            b.append(form("/login/phone", c.csrf(), "Phone number", "phone", "tel", "+9996611234"));
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

    private Account firstNotLoggedIn() {
        for (Account a : host.accounts()) if (!a.loggedIn()) return a;
        return null;
    }

    synchronized Reply step(Call c) {
        message = "";
        try {
            switch (c.path()) {
                case "/login/cancel" -> {
                    login = null;
                    step = null;
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
        if (step instanceof Login.Step.Done done) {
            LOG.info("console: account logged in as user id " + done.user().getLong("id"));
            Account a = account;
            login = null;
            step = null;
            CompletableFuture<Void> unused = a.startUpdates(); // catches up and follows its updates from now on
        }
        return Reply.seeOther("/login");
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
