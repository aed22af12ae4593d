package io.scriptgram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scriptgram.config.ConfigLoader;
import io.scriptgram.host.Host;
import io.scriptgram.testing.RunningHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the running host tells about itself: the start banner and status.json. */
class HostStatusTest {
    @TempDir
    Path dir;

    private Host start(boolean hotReload) throws Exception {
        Path config = Files.writeString(
                dir.resolve("config.yml"),
                String.join(
                        "\n",
                        "mode: sandbox",
                        "session: data/s.session",
                        "sandbox: {chatter: false, key: k.pem}",
                        "scripts: {dirs: [scripts], plugins: plugins, hot_reload: " + hotReload + "}",
                        ""));
        return Host.start(ConfigLoader.load(config, Map.of()), RunningHost.SCHEMA);
    }

    @Test
    void theBannerSaysWhetherHotReloadIsOnAndLeavesThePhoneOut() throws Exception {
        try (Host host = start(false)) {
            String banner = RunCommand.summary(host, 1);
            assertFalse(banner.contains("watching for changes"), banner);
            assertTrue(banner.contains("hot reload off"), banner);
            assertTrue(banner.contains("@sandbox_me") && !banner.contains("9996611234"), "phone shown: " + banner);
        }
        try (Host host = start(true)) {
            String banner = RunCommand.summary(host, 1);
            assertTrue(banner.contains("hot reload watching for changes"), banner);
        }
    }

    /** status.json is the owner's only (0600), also when it replaces one an older version left readable; no phone. */
    @Test
    void theStatusFileIsPrivateAndHasNoPhoneNumber() throws Exception {
        try (Host host = start(false)) {
            Path status = Host.statusFile(ConfigLoader.load(dir.resolve("config.yml"), Map.of()));
            Files.writeString(status, "{}");
            Files.setPosixFilePermissions(status, PosixFilePermissions.fromString("rw-r--r--"));
            host.writeStatus();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(status)));
            String json = Files.readString(status);
            assertTrue(json.contains("@sandbox_me") && json.contains("id 1000001"), json);
            assertFalse(json.contains("9996611234") || json.contains("999 66"), json);
            assertFalse(Files.exists(status.resolveSibling("status.json.tmp")), "no temporary file left behind");
        }
    }
}
