package io.scriptgram.cli;

import io.scriptgram.client.Account;
import io.scriptgram.client.Login;
import io.scriptgram.config.Config;
import io.scriptgram.host.AccountLabel;
import io.scriptgram.host.CommandLease;
import io.scriptgram.host.Connection;
import io.scriptgram.host.UserError;
import io.scriptgram.tl.TlObject;
import java.io.Console;
import java.io.PrintWriter;
import java.time.InstantSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code login}: asks for phone, code and 2FA password in a terminal (the password without echo), or takes them from
 * options / environment variables for automation.
 */
@Command(
        name = "login",
        description = "Logs the configured account in (interactive in a terminal, or with "
                + "--phone/--code/--password, --qr, or --bot-token).")
public final class LoginCommand implements Runnable {
    @Mixin
    ConfigOption config;

    @Mixin
    AccountOption account;

    @Mixin
    SchemaOption schema;

    @Spec
    CommandSpec spec;

    @Option(names = "--phone", paramLabel = "PHONE", description = "Or SCRIPTGRAM_PHONE.")
    String phone;

    @Option(names = "--code", paramLabel = "CODE", description = "Or SCRIPTGRAM_CODE.")
    String code;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "The 2FA password, or SCRIPTGRAM_PASSWORD.")
    String password;

    @Option(names = "--bot-token", paramLabel = "TOKEN", description = "Log in as a bot, or SCRIPTGRAM_BOT_TOKEN.")
    String botToken;

    @Option(
            names = "--qr",
            description =
                    "Show a QR code to scan in a logged-in Telegram app (Settings > Devices > Link Desktop Device).")
    boolean qr;

    @Option(names = "--first-name", description = "For a new account.")
    String firstName;

    @Option(names = "--last-name", description = "For a new account.")
    String lastName;

    @Override
    public void run() {
        Config cfg = account.pick(config.load());
        PrintWriter out = spec.commandLine().getOut();
        // A shared PostgreSQL store: the login writes the account's rows only under its lease, never while a host
        // runs it (a SQLite file is locked by the host that has it open, and opening it names that process).
        try (CommandLease lease = cfg.store().isPostgres() ? CommandLease.take(cfg, "log in to it") : null;
                Connection c = lease == null
                        ? Connection.open(cfg, schema.load(cfg), false)
                        : Connection.open(cfg, schema.load(cfg), false, lease::store, InstantSource.system())) {
            Account a = c.account();
            if (c.localSandbox() != null) {
                out.println("in-process sandbox: logged in as "
                        + AccountLabel.withPhone(a.self().orElseThrow())
                        + " (to log in as someone else, run `scriptgram sandbox` and set dc: HOST:PORT)");
                return;
            }
            if (a.loggedIn()) {
                out.println("already logged in as "
                        + AccountLabel.withPhone(a.self().orElseThrow()) + " (scriptgram logout first to switch)");
                return;
            }
            Login login = a.login();
            String token = value(botToken, "SCRIPTGRAM_BOT_TOKEN");
            Login.Step step;
            if (token != null) {
                step = Connection.await(login.botToken(token));
            } else if (qr) {
                step = Connection.await(
                        login.qr(code -> {
                            out.println(QrText.render(code.url()));
                            out.println("Scan this in a logged-in Telegram app (Settings > Devices > Link Desktop "
                                    + "Device), or open " + code.url());
                            out.println("(a new code comes at " + code.expires() + ")");
                            out.flush();
                        }),
                        Connection.INTERACTIVE_WAIT);
                if (step instanceof Login.Step.NeedPassword p) {
                    String hint = p.hint().isEmpty() ? "" : " (hint: " + p.hint() + ")";
                    step = Connection.await(login.checkPassword(
                            ask(password, "SCRIPTGRAM_PASSWORD", "2FA password" + hint + ": ", true)));
                }
            } else {
                String configured = cfg.accounts().byName().get(cfg.account()).phone();
                step = Connection.await(login.sendCode(ask(
                        phone != null ? phone : configured,
                        "SCRIPTGRAM_PHONE",
                        "Phone number (international format): ",
                        false)));
                if (step instanceof Login.Step.NeedCode n) {
                    step = Connection.await(login.signIn(ask(
                            code,
                            "SCRIPTGRAM_CODE",
                            "Code" + (n.length() > 0 ? " (" + n.length() + " digits)" : "") + ": ",
                            false)));
                }
                if (step instanceof Login.Step.NeedPassword p) {
                    String hint = p.hint().isEmpty() ? "" : " (hint: " + p.hint() + ")";
                    step = Connection.await(login.checkPassword(
                            ask(password, "SCRIPTGRAM_PASSWORD", "2FA password" + hint + ": ", true)));
                }
                if (step instanceof Login.Step.NeedSignUp) {
                    String first = firstName != null
                            ? firstName
                            : ask(null, null, "No account for this phone yet. First name: ", false);
                    step = Connection.await(login.signUp(first, lastName == null ? "" : lastName));
                }
            }
            if (!(step instanceof Login.Step.Done d)) throw new UserError("login did not finish: " + step);
            TlObject user = d.user();
            out.println("logged in as " + AccountLabel.withPhone(user) + "; session saved in " + cfg.session()
                    + (cfg.accounts().several() ? " (account " + cfg.account() + ")" : ""));
        }
    }

    private static String value(String option, String env) {
        if (option != null) return option;
        String v = env == null ? null : System.getenv(env);
        return v == null || v.isBlank() ? null : v;
    }

    private String ask(String option, String env, String prompt, boolean secret) {
        String v = value(option, env);
        if (v != null) return v;
        Console console = System.console();
        if (console == null) {
            throw new UserError(
                    prompt.replace(": ", "").trim() + " is needed and there is no terminal to ask: pass it as an option"
                            + (env == null ? "" : " or " + env));
        }
        String answer = secret ? new String(console.readPassword(prompt)) : console.readLine(prompt);
        if (answer == null || answer.isBlank()) throw new UserError("nothing entered");
        return answer.trim();
    }
}
