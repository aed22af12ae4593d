package io.scriptgram.cli;

import io.scriptgram.config.Config;
import io.scriptgram.host.AccountLabel;
import io.scriptgram.host.SessionTransfer;
import io.scriptgram.host.UserError;
import io.scriptgram.session.PortableSession;
import io.scriptgram.session.SessionFormat;
import io.scriptgram.session.SessionFormatException;
import io.scriptgram.session.Sessions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code session import SOURCE} and {@code session export}: sessions of other libraries, in and out. */
@Command(
        name = "session",
        description = "Imports and exports sessions (ours, Telethon, Pyrogram, GramJS, mtcute).",
        subcommands = {SessionCommand.Import.class, SessionCommand.Export.class})
public final class SessionCommand {
    static final String TWO_PLACES = "warning: never run one session in two places at once: Telegram answers"
            + " AUTH_KEY_DUPLICATED and may revoke the key. Stop the other client before using this one.";

    /** Standard input for {@code -}; tests replace it. */
    static InputStream stdin = System.in;

    @Command(
            name = "import",
            description = "Checks a session with the server (users.getUsers), then stores it as the account."
                    + " SOURCE is a session string, a .session file, a text file holding a string,"
                    + " or - to read the string from standard input (keeps it out of shell history).")
    static final class Import implements Runnable {
        @Mixin
        ConfigOption config;

        @Mixin
        SchemaOption schema;

        @Mixin
        AccountOption account;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SOURCE", description = "A string, a file, or - for standard input")
        String source;

        @Option(
                names = "--replace",
                description = "Replace an account already logged in here (it is forgotten here, not logged out)")
        boolean replace;

        @Override
        public void run() {
            Config cfg = account.pick(config.load());
            PortableSession parsed = parse(source);
            PrintWriter err = spec.commandLine().getErr();
            err.println("found a " + describe(parsed, source));
            err.println(TWO_PLACES);
            SessionTransfer.Imported done = SessionTransfer.importInto(cfg, schema.load(cfg), parsed, replace);
            spec.commandLine()
                    .getOut()
                    .println("imported: " + AccountLabel.withPhone(done.user()) + ", home DC "
                            + done.session().dcId()
                            + (done.session().peers().isEmpty()
                                    ? ""
                                    : ", " + done.session().peers().size() + " peers")
                            + (done.session().updateState() == null ? "" : ", update state")
                            + " -> " + cfg.session());
        }
    }

    @Command(name = "export", description = "Prints the logged-in session as a string (to standard output only).")
    static final class Export implements Runnable {
        @Mixin
        ConfigOption config;

        @Mixin
        SchemaOption schema;

        @Mixin
        AccountOption account;

        @Spec
        CommandSpec spec;

        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                defaultValue = "ours",
                description = "ours (default), telethon, pyrogram, gramjs or mtcute")
        String format;

        @Override
        public void run() {
            Config cfg = account.pick(config.load());
            SessionFormat f;
            try {
                f = SessionFormat.ofExportName(format);
            } catch (SessionFormatException e) {
                throw new UserError(e.getMessage(), e);
            }
            PortableSession s = SessionTransfer.exportFrom(cfg, schema.load(cfg));
            String text;
            try {
                text = Sessions.write(s, f);
            } catch (SessionFormatException e) {
                throw new UserError("cannot write a " + f.label() + ": " + e.getMessage(), e);
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: this string grants full access to the account. Keep it secret, and revoke it"
                    + " (Settings > Devices) if it leaks.");
            err.println(TWO_PLACES);
            err.flush();
            spec.commandLine().getOut().println(text);
        }
    }

    /** The session a SOURCE names: standard input, a file, or the string itself. */
    static PortableSession parse(String source) {
        try {
            if (source.equals("-")) {
                byte[] in = stdin.readNBytes(64 * 1024 + 1);
                return Sessions.parse(new String(in, StandardCharsets.UTF_8));
            }
            Path p = pathOrNull(source);
            if (p != null && Files.exists(p)) return Sessions.read(p);
            if (source.endsWith(".session")) throw new UserError("no such session file: " + source);
            return Sessions.parse(source);
        } catch (SessionFormatException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static Path pathOrNull(String s) {
        try {
            return s.length() < 4096 ? Path.of(s) : null;
        } catch (RuntimeException notAPath) {
            return null;
        }
    }

    private static String describe(PortableSession s, String source) {
        String what = s.format().label();
        if (s.format() == SessionFormat.PYROGRAM && !source.equals("-") && !Files.exists(Path.of(source)))
            what += " (" + Sessions.pyrogramVersion(source) + ")";
        return what + ": " + s;
    }
}
