package io.scriptgram.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path BASE = Path.of("/srv/sg");

    private static Config parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "config.yml", BASE, env);
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml, Map.of())).getMessage();
    }

    @Test
    void anEmptyFileIsTheSandboxWithDefaults() {
        Config c = parse("", Map.of());
        assertEquals(Config.Mode.SANDBOX, c.mode());
        assertEquals(BASE.resolve("data/scriptgram.session"), c.session());
        assertEquals(new Config.Transport(Config.Protocol.INTERMEDIATE, false), c.transport());
        assertEquals(Duration.ofSeconds(60), c.floodWaitThreshold());
        assertEquals(List.of(BASE.resolve("scripts")), c.scripts().dirs());
        assertNull(c.proxy());
    }

    @Test
    void everyKeyIsRead() {
        Config c = parse("""
                mode: telegram
                api_id: 12345
                api_hash: 0123456789abcdef0123456789abcdef
                session: my.session
                device: {model: Box, app_version: "2.0"}
                dc: 127.0.0.1:4430
                transport: obfuscated-abridged
                proxy: socks5://u:p@127.0.0.1:1080
                flood_wait_threshold: 2m
                sandbox: {port: 4431, code: "22222", chatter: false, chatter_every: 1s}
                scripts: {dirs: [a, b], plugins: p, timeout: 3s, timezone: UTC, hot_reload: false}
                log_level: debug
                """, Map.of());
        assertEquals(12345, c.apiId());
        assertEquals(new Config.Dc(Config.Dc.Kind.ADDRESS, "127.0.0.1", 4430), c.dc());
        assertEquals(new Config.Transport(Config.Protocol.ABRIDGED, true), c.transport());
        assertEquals(new Config.Proxy("127.0.0.1", 1080, "u", "p"), c.proxy());
        assertEquals(Duration.ofMinutes(2), c.floodWaitThreshold());
        assertEquals("22222", c.sandbox().code());
        assertEquals(Duration.ofSeconds(3), c.scripts().timeout());
        assertFalse(c.toString().contains("0123456789abcdef"), "api_hash never printed");
    }

    @Test
    void environmentOverridesSecrets() {
        Config c = parse(
                "mode: telegram\napi_id: 1\napi_hash: nothex\n",
                Map.of("SCRIPTGRAM_API_ID", "777", "SCRIPTGRAM_API_HASH", "ffffffffffffffffffffffffffffffff"));
        assertEquals(777, c.apiId());
        assertEquals("ffffffffffffffffffffffffffffffff", c.apiHash());
    }

    @Test
    void commandPrefixesDefaultToSlashBangDotAndRefuseSpaces() {
        assertEquals("/!.", parse("", Map.of()).scripts().commandPrefixes());
        assertEquals(
                ".~",
                parse("scripts: {command_prefixes: \".~\"}\n", Map.of())
                        .scripts()
                        .commandPrefixes());
        assertTrue(error("scripts: {command_prefixes: \". \"}\n").contains("scripts.command_prefixes: expected"));
        assertTrue(error("scripts: {command_prefixes: \"\"}\n").contains("scripts.command_prefixes: expected"));
    }

    @Test
    void mistakesNameTheKeyAndWhatIsExpected() {
        assertEquals("config.yml: line 1: unknown key 'api_hsh' (did you mean 'api_hash'?)", error("api_hsh: x\n"));
        assertEquals(
                "config.yml: line 1: unknown key 'sandbox.chater' (did you mean 'sandbox.chatter'?)",
                error("sandbox: {chater: true}\n"));
        assertTrue(error("mode: prod\n").contains("mode: expected one of sandbox, telegram, got \"prod\""));
        assertTrue(error("api_id: abc\n").contains("api_id: expected a whole number"));
        assertTrue(error("flood_wait_threshold: soon\n").contains("flood_wait_threshold: expected a duration"));
        assertTrue(error("transport: carrier-pigeon\n")
                .contains("transport: expected abridged, intermediate, padded or full"));
        assertTrue(error("dc: somewhere\n").contains("dc: expected production, test, or HOST:PORT"));
        assertTrue(error("mode: telegram\n").contains("api_id: required in telegram mode"));
        assertTrue(
                error("mode: telegram\napi_id: 5\napi_hash: short\n").contains("api_hash: required in telegram mode"));
        assertTrue(error("scripts: {timezone: Mars/Base}\n").contains("scripts.timezone: expected a time zone"));
        assertTrue(error("mode: [1\n").startsWith("config.yml: line "), error("mode: [1\n"));
        assertTrue(error("a: 1\na: 2\n").contains("duplicate"), error("a: 1\na: 2\n"));
        assertTrue(error("- just\n- a list\n").contains("key: value"));
        String proxy = error("proxy: ftp://u:hunter2-pw@h:1\n");
        assertTrue(proxy.contains("proxy: expected socks5://") && !proxy.contains("hunter2-pw"), proxy);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("5"));
        assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 parsecs"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(""));
    }

    @Test
    void everyMistakeNamesItsLine() {
        assertEquals(
                "config.yml: line 3: api_id: expected a whole number, got \"abc\"",
                error("mode: sandbox\n\napi_id: abc\n"));
        assertEquals(
                "config.yml: line 3: sandbox.port: expected a number from 0 to 65535, got 70000",
                error("mode: sandbox\nsandbox:\n  port: 70000\n"));
        assertEquals(
                "config.yml: line 4: unknown key 'scripts.dris' (did you mean 'scripts.dirs'?)",
                error("mode: sandbox\nscripts:\n  timeout: 5s\n  dris: [a]\n"));
        assertTrue(error("\n\nmode: [1\n").startsWith("config.yml: line 4, column 1: "), error("\n\nmode: [1\n"));
    }

    @Test
    void aTimeoutOfZeroIsRefusedByFileLineAndKey() {
        assertEquals(
                "config.yml: line 3: scripts.timeout: expected a duration of at least 1ms, got \"0s\"",
                error("mode: sandbox\nscripts:\n  timeout: 0s\n"));
        assertEquals(
                "config.yml: line 1: scripts.timeout: expected a duration of at least 1ms, got 0",
                error("scripts: {timeout: 0}\n"));
        assertTrue(error("flood_wait_threshold: -5\n")
                .contains("line 1: flood_wait_threshold: expected a duration of at least 0ms"));
        assertTrue(error("sandbox: {chatter_every: 0s}\n")
                .contains("line 1: sandbox.chatter_every: expected a duration of at least 10ms"));
    }

    @Test
    void aBinaryConfigFileIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.yml");
        Files.write(file, new byte[] {
            'm', 'o', 'd', 'e', ':', ' ', 's', 'a', 'n', 'd', 'b', 'o', 'x', '\n', 'x', ':', (byte) 0xFF, 0
        });
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertEquals(
                file + ": line 2: not UTF-8 text (byte 16 cannot be read as UTF-8; is it a binary file?)",
                e.getMessage());
    }
}
