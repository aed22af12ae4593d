package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.store.SessionStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The plugin commands end to end: add --yes, list, config (secrets hidden, file 0600), remove --yes. */
class PluginCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter(), err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void addListConfigRemove() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yml"), "scripts: {plugins: plugins, dirs: [scripts]}\n");
        Path src = Files.createDirectories(dir.resolve("src/weather"));
        Files.writeString(src.resolve("plugin.yml"), """
                version: "1.1"
                settings:
                  city: {type: string, default: Berlin}
                  key: {type: secret}
                network: [api.example.com]
                """);
        Files.writeString(src.resolve("main.js"), "log.info(config.city);\n");
        String cfg = config.toString();

        assertEquals(0, run("plugin", "add", src.toString(), "--yes", "--config", cfg), err.toString());
        assertTrue(out.toString().contains("Installed weather 1.1 (js)"), out.toString());
        assertTrue(Files.isRegularFile(dir.resolve("plugins/weather/main.js")));
        assertTrue(Files.isRegularFile(dir.resolve("plugins.lock")));

        assertEquals(0, run("plugin", "list", "--config", cfg), err.toString());
        assertTrue(out.toString().contains("weather 1.1 (js)  from " + src.toAbsolutePath()), out.toString());

        String secret = "k-93b1f07d";
        assertEquals(0, run("plugin", "config", "weather", "city=Paris", "key=" + secret, "--config", cfg));
        assertFalse(out.toString().contains(secret), out.toString());
        Path settings = dir.resolve("plugins.settings.yml");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)));
        assertEquals(0, run("plugin", "config", "weather", "--config", cfg));
        assertTrue(out.toString().contains("city (string): Paris  [plugins.settings.yml]"), out.toString());
        assertTrue(out.toString().contains("key (secret): (set, hidden)  [plugins.settings.yml]"), out.toString());
        assertFalse(out.toString().contains(secret), out.toString());

        assertEquals(1, run("plugin", "config", "weather", "colour=red", "--config", cfg));
        assertTrue(
                err.toString().contains("plugin config weather: unknown setting 'colour' (weather declares city, key)"),
                err.toString());

        assertEquals(0, run("plugin", "remove", "weather", "--yes", "--config", cfg), err.toString());
        assertTrue(out.toString().contains("Removed weather; its storage is kept"), out.toString());
        assertFalse(Files.exists(dir.resolve("plugins/weather")));
        assertFalse(err.toString().contains(secret));
    }

    @Test
    void installAndUpdateRecordTheGrantedPermissionsInTheAuditLog() throws Exception {
        Path config = Files.writeString(
                dir.resolve("config.yml"),
                "session: data/main.session\nscripts: {plugins: plugins, dirs: [scripts]}\n");
        Files.createDirectories(dir.resolve("data"));
        SessionStore.open(dir.resolve("data/main.session")).close(); // the account has a store
        Path src = Files.createDirectories(dir.resolve("src/greeter"));
        Files.writeString(src.resolve("plugin.yml"), "version: \"1.0\"\npermissions: [messages.sendMessage]\n");
        Files.writeString(src.resolve("main.js"), "log.info('hi');\n");
        String cfg = config.toString();
        assertEquals(0, run("plugin", "add", src.toString(), "--yes", "--config", cfg), err.toString());
        Files.writeString(
                src.resolve("plugin.yml"),
                "version: \"1.1\"\npermissions: [messages.sendMessage, contacts.*]\nnetwork: [api.example.com]\n"
                        + "budgets: {send_per_chat: 5/min}\n");
        assertEquals(0, run("plugin", "update", "greeter", "--yes", "--config", cfg), err.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, run("audit", "greeter", "--config", cfg), err.toString());
        String log = out.toString();
        String[] lines = log.strip().split("\n");
        assertEquals(2, lines.length, log);
        assertTrue(
                lines[0].contains("greeter  main  plugin.install  -  granted (version 1.0; permissions:"
                        + " [messages.sendMessage]; network: none)"),
                log);
        assertTrue(
                lines[1].contains("plugin.update  -  granted (version 1.1; permissions: [messages.sendMessage,"
                        + " contacts.*]; network: [api.example.com]; budgets: send_per_chat 5/min burst 5)"),
                log);
    }
}
