package io.scriptgram.cli;

import static io.scriptgram.cli.TlCommandsTest.run;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code scriptgram sandbox}'s limit flags: a bad value is refused under its flag's name, before anything listens. */
class SandboxLimitFlagsTest {
    @Test
    void aBadLimitNamesItsFlag() {
        String[][] cases = {
            {"--max-connections-per-address", "0", "at least 1"},
            {"--max-frame-bytes", "10", "maxFrameBytes must be in"},
            {"--frame-timeout", "0s", "must be positive"},
            {"--first-byte-timeout", "soon", ""},
        };
        for (String[] c : cases) {
            TlCommandsTest.Run r = run("sandbox", c[0], c[1]);
            assertNotEquals(0, r.code(), String.join(" ", c));
            assertTrue(r.err().contains(c[0]) && r.err().contains(c[2]), String.join(" ", c) + " -> " + r.err());
        }
    }

    @Test
    void aBadMtproxySecretNamesItsFlagWithoutRepeatingIt() {
        TlCommandsTest.Run r = run("sandbox", "--mtproxy", "cc00112233445566778899aabbccddeeff");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--mtproxy") && r.err().contains("neither hex nor base64"), r.err());
        assertTrue(!r.err().contains("00112233445566778899"), r.err());
    }

    @Test
    void theHelpShowsTheDefaults() {
        TlCommandsTest.Run r = run("help", "sandbox");
        for (String s : new String[] {
            "--max-connections-per-address",
            "Default: 32",
            "--max-frame-bytes",
            "Default: 2097152",
            "--frame-timeout",
            "--first-byte-timeout",
            "Default: 30s"
        }) {
            assertTrue(r.out().contains(s), s + " in:\n" + r.out());
        }
    }
}
