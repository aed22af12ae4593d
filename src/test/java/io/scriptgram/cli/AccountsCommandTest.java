package io.scriptgram.cli;

import static io.scriptgram.cli.TlCommandsTest.run;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.cli.TlCommandsTest.Run;
import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.Host;
import io.scriptgram.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scriptgram accounts}, and {@code --account NAME} on the commands that use an account. */
class AccountsCommandTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        return Files.writeString(dir.resolve("config.yml"), """
                mode: sandbox
                sandbox: {chatter: false, key: k.pem}
                scripts: {dirs: [scripts], plugins: plugins}
                accounts:
                  main: {}
                  work: {phone: "+999 66 1 1001"}
                  # a phone the sandbox world does not know: signed up as a new user named after the account
                  fresh: {phone: "+999 66 1 7777"}
                """);
    }

    @Test
    void accountPicksWhichAccountACommandUses() throws Exception {
        String cfg = config().toString();
        Run main = run("whoami", "--config", cfg);
        assertEquals(0, main.code(), main.err());
        assertTrue(main.out().contains("@sandbox_me"), main.out());
        Run work = run("whoami", "--config", cfg, "--account", "work");
        assertEquals(0, work.code(), work.err());
        assertTrue(work.out().contains("@alice"), work.out());
        Run fresh = run("whoami", "--config", cfg, "--account", "fresh");
        assertEquals(0, fresh.code(), fresh.err());
        assertTrue(fresh.out().startsWith("fresh (id "), fresh.out());
        Run none = run("whoami", "--config", cfg, "--account", "nope");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no account 'nope' in " + cfg + " (accounts: main, work, fresh)"), none.err());
    }

    @Test
    void accountsListsEachWithItsState() throws Exception {
        Path cfg = config();
        Run stopped = run("accounts", "--config", cfg.toString());
        assertEquals(0, stopped.code(), stopped.err());
        assertTrue(stopped.out().matches("(?s)main +default +sandbox +not running.*"), stopped.out());
        assertTrue(stopped.out().contains("work            sandbox  not running"), stopped.out());

        try (Host host = Host.start(ConfigLoader.load(cfg, Map.of()), RunningHost.SCHEMA)) {
            host.writeStatus();
            Run running = run("accounts", "--config", cfg.toString());
            assertEquals(0, running.code(), running.err());
            assertTrue(running.out().contains("running as Sandy Box (@sandbox_me, id 1000001)"), running.out());
            assertTrue(running.out().contains("running as Alice Liddell (@alice, id 1000002)"), running.out());
            assertFalse(running.out().contains("999 66") || running.out().contains("99966"), running.out());
            Run one = run("status", "--config", cfg.toString(), "--account", "work");
            assertEquals(0, one.code(), one.err());
            assertTrue(one.out().contains("\"state\" : \"running\""), one.out());
        }
    }
}
