package io.scriptgram.cli;

import io.scriptgram.host.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: picocli dispatch to the sub-commands. */
@Command(
        name = "scriptgram",
        mixinStandardHelpOptions = true,
        version = "scriptgram 0.1.0",
        description = "Scriptable Telegram user-account automation host.",
        subcommands = {
            CommandLine.HelpCommand.class,
            TlCommand.class,
            MethodsCommand.class,
            DescribeCommand.class,
            DocsCommand.class,
            SandboxCommand.class,
            CallCommand.class,
            LoginCommand.class,
            LogoutCommand.class,
            Whoami.class,
            RunCommand.class,
            AccountsCommand.class,
            StatusCommand.class,
            StoreCommand.class,
            ExecCommand.class,
            TypesCommand.class,
            BenchCommand.class,
            UploadCommand.class,
            DownloadCommand.class,
            SessionCommand.class,
            PluginCommand.class,
            AuditCommand.class,
            TestCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        // One line per log record, short logger names (the JDK default takes two lines).
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tH:%1$tM:%1$tS %4$-7s %3$s: %5$s%6$s%n");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (!(e instanceof UserError)) throw e;
            cmd.getErr().println("scriptgram: " + e.getMessage());
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
