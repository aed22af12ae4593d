package io.scriptgram.cli;

import static io.scriptgram.testing.RunningHost.waitFor;
import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.testing.RunningHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Plugin budgets and the audit log in a whole host on the sandbox: a plugin looping on messages.sendMessage to one chat
 * is held to its budget while another plugin of the account is not slowed; account.deleteAccount is refused under
 * {@code ["*"]} and {@code ["account.*"]}; {@code scriptgram audit} shows every call, the refused ones marked; a
 * single-file script is the user's own code and passes neither.
 */
class HostBudgetsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private void plugin(String name, String yml, String file, String code) throws Exception {
        Path p = Files.createDirectories(dir.resolve("plugins").resolve(name));
        Files.writeString(p.resolve("plugin.yml"), yml);
        Files.writeString(p.resolve(file), code);
    }

    private String audit(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = dir.resolve("config.yml").toString();
        assertEquals(0, cl.execute(all), err.toString());
        return out.toString();
    }

    private static long count(List<String> lines, String... parts) {
        return lines.stream()
                .filter(l -> Arrays.stream(parts).allMatch(l::contains))
                .count();
    }

    @Test
    void aLoopingPluginIsHeldToItsBudgetTheOthersAreNotAndTheAuditLogShowsEveryCall() throws Exception {
        // 6 a minute with a burst of 2 and calls waiting at most 1 s: two go at once, the next would wait ~10 s.
        plugin("spammer", "budgets: {send_per_chat: \"6/min burst 2\"}\n", "main.js", """
                let sent = 0, refused = 0, first = null;
                for (let i = 0; i < 10; i++) {
                  try { await messages.sendMessage({peer: '@alice', message: 'spam ' + i}); sent++; }
                  catch (e) { refused++; if (first === null) first = e.message; }
                }
                let del = 'called';
                try { await account.deleteAccount({reason: 'bye'}); } catch (e) { del = e.message; }
                await storage.set('result', {sent, refused, first, del});
                """);
        plugin("polite", "language: python\npermissions: [\"account.*\", \"messages.*\"]\n", "main.py", """
                sent = 0
                for i in range(4):
                    messages.sendMessage(peer='@bob', message='hello %d' % i)
                    sent += 1
                try:
                    account.deleteAccount(reason='bye')
                    d = 'called'
                except Exception as e:
                    d = str(e)
                storage.set('result', {'sent': sent, 'del': d})
                """);
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/mine.js"), """
                let sent = 0;
                for (let i = 0; i < 8; i++) { await messages.sendMessage({peer: '@alice', message: 'mine ' + i}); sent++; }
                await storage.set('result', {sent});
                """);
        String spammer, polite, mine;
        try (RunningHost h = new RunningHost(dir, "", null, "budgets: {max_wait: 1s}")) {
            assertTrue(
                    waitFor(
                            () -> h.stored("spammer", "result") != null
                                    && h.stored("polite", "result") != null
                                    && h.stored("mine", "result") != null,
                            WAIT),
                    "results: " + h.host.plugins().recentProblems());
            spammer = h.stored("spammer", "result");
            polite = h.stored("polite", "result");
            mine = h.stored("mine", "result");
        } // the audit writer writes what it holds before the store closes

        assertTrue(spammer.contains("\"sent\":2,\"refused\":8"), spammer);
        assertTrue(
                spammer.contains("BUDGET_EXCEEDED messages.send per chat (messages.sendMessage): spammer may make 6"
                        + " per 1 min to one chat"),
                spammer);
        assertTrue(spammer.contains("spammer may not call account.deleteAccount: it can delete the account"), spammer);
        assertTrue(polite.replace(" ", "").contains("\"sent\":4"), "not slowed by the spammer's budget: " + polite);
        assertTrue(polite.contains("polite may not call account.deleteAccount"), polite);
        assertTrue(mine.contains("\"sent\":8"), "a single script is the user's own code: no budget: " + mine);

        List<String> rows = audit("audit", "--limit", "1000").lines().toList();
        assertEquals(2, count(rows, "  spammer  main  messages.sendMessage  @alice  ok"), String.join("\n", rows));
        assertEquals(
                8,
                count(
                        rows,
                        "  spammer  main  messages.sendMessage  @alice  refused (BUDGET_EXCEEDED messages.send per chat"),
                String.join("\n", rows));
        assertEquals(1, count(rows, "  spammer  main  account.deleteAccount  -  refused (spammer may not call"));
        assertEquals(4, count(rows, "  polite  main  messages.sendMessage  @bob  ok"), String.join("\n", rows));
        assertEquals(1, count(rows, "  polite  main  account.deleteAccount  -  refused (polite may not call"));
        assertEquals(0, count(rows, "  mine  "), "a single script is not audited");
        assertEquals(rows.size(), 2 + 8 + 1 + 4 + 1, String.join("\n", rows));

        List<String> onlyRefused =
                audit("audit", "spammer", "--method", "account.*").lines().toList();
        assertEquals(1, onlyRefused.size(), String.join("\n", onlyRefused));
    }
}
