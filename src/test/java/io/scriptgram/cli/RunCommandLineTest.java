package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code scriptgram run} is parsed by a command line holding only {@code run} (a faster start): what a user sees of it
 * (usage, errors, exit codes, the parsed options) must be what the whole command tree gives.
 */
class RunCommandLineTest {
    record Result(int code, String out, String err) {}

    private static Result execute(CommandLine cl, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void runsUsageReadsAsInTheWholeTree() {
        String whole = Main.commandLine().getSubcommands().get("run").getUsageMessage();
        String alone = Main.commandLineFor("run").getSubcommands().get("run").getUsageMessage();
        assertEquals(whole, alone);
        assertTrue(alone.startsWith("Usage: scriptgram run"), alone);
    }

    @Test
    void aBadOptionGetsTheSameErrorAndStatus() {
        Result whole = execute(Main.commandLine(), "run", "--no-such-option");
        Result alone = execute(Main.commandLineFor("run", "--no-such-option"), "run", "--no-such-option");
        assertEquals(whole, alone);
        assertEquals(2, alone.code());
        assertTrue(alone.err().contains("--no-such-option"), alone.err());
    }

    @Test
    void aMissingConfigurationIsTheUsersErrorAsBefore(@TempDir Path dir) {
        String missing = dir.resolve("none.yml").toString();
        Result whole = execute(Main.commandLine(), "run", "--config", missing);
        Result alone = execute(Main.commandLineFor("run"), "run", "--config", missing);
        assertEquals(whole, alone);
        assertEquals(1, alone.code());
        assertTrue(alone.err().startsWith("scriptgram: no configuration file"), alone.err());
    }

    @Test
    void optionsParseAlike() {
        String[] args = {"run", "--account", "a,b", "--account", "c"};
        RunCommand whole = Main.commandLine()
                .parseArgs(args)
                .subcommand()
                .commandSpec()
                .commandLine()
                .getCommand();
        RunCommand alone = Main.commandLineFor(args)
                .parseArgs(args)
                .subcommand()
                .commandSpec()
                .commandLine()
                .getCommand();
        assertEquals(whole.accounts, alone.accounts);
        assertEquals(List.of("a", "b", "c"), alone.accounts);
    }

    @Test
    void otherCommandsAndTheTopLevelUseTheWholeTree() {
        assertTrue(Main.commandLineFor("tl", "decode", "00").getSubcommands().containsKey("describe"));
        assertTrue(Main.commandLineFor().getSubcommands().containsKey("run"));
        assertEquals(
                execute(Main.commandLine(), "--version").out(),
                execute(Main.commandLineFor("--version"), "--version").out());
    }
}
