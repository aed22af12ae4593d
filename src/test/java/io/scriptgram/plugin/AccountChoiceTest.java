package io.scriptgram.plugin;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which accounts a plugin or script runs for: plugin.yml, a script's header, config.yml; by default only one. */
class AccountChoiceTest {
    private static final Set<String> KNOWN = Set.of("main", "work", "shop");

    @TempDir
    Path dir;

    private static AccountChoice as(String account) {
        return new AccountChoice(account, "main", KNOWN, Map.of());
    }

    private PluginManifest plugin(String yaml) throws Exception {
        Path p = Files.createDirectories(dir.resolve("greeter"));
        return PluginManifest.parse(p, yaml);
    }

    private PluginManifest script(String name, String text) throws Exception {
        Path f = Files.createDirectories(dir.resolve("scripts")).resolve(name);
        Files.writeString(f, text);
        return PluginManifest.ofScript(f);
    }

    @Test
    void sayingNothingMeansTheDefaultAccountOnly() throws Exception {
        PluginManifest m = plugin("");
        assertTrue(as("main").serves(m));
        assertFalse(as("work").serves(m));
        PluginManifest s = script("ping.js", "on('message', m => {});\n");
        assertTrue(as("main").serves(s));
        assertFalse(as("shop").serves(s));
    }

    @Test
    void pluginYmlListsAccountsOrAll() throws Exception {
        PluginManifest two = plugin("accounts: [main, work]\n");
        assertEquals(List.of("main", "work"), two.accounts());
        assertTrue(as("work").serves(two));
        assertFalse(as("shop").serves(two));
        PluginManifest all = plugin("accounts: \"*\"\n");
        assertTrue(as("shop").serves(all) && as("main").serves(all));
        assertTrue(assertThrows(ConfigException.class, () -> plugin("accounts: [main, \"no such\"]\n"))
                .getMessage()
                .contains("accounts: expected account names"));
    }

    @Test
    void aScriptSaysSoInAHeaderComment() throws Exception {
        PluginManifest js = script("a.js", "// A greeter.\n// accounts: work, shop\nconst x = 1;\n");
        assertEquals(List.of("work", "shop"), js.accounts());
        PluginManifest py = script("b.py", "#!/usr/bin/env python\n\n# accounts: [*]\nx = 1\n");
        assertEquals(List.of("*"), py.accounts());
        // After the first line of code it is no header.
        assertEquals(
                List.of(), script("c.js", "const x = 1;\n// accounts: work\n").accounts());
        assertEquals(
                "bad.js: line 1: accounts: expected account names from config.yml (main, work) or *, got \"wo/rk\"",
                assertThrows(ConfigException.class, () -> script("bad.js", "// accounts: wo/rk\n"))
                        .getMessage());
    }

    @Test
    void configYmlOverridesWhatTheScriptSays() throws Exception {
        PluginManifest s = script("ping.js", "// accounts: work\n");
        AccountChoice shop = new AccountChoice("shop", "main", KNOWN, Map.of("ping", List.of("shop")));
        AccountChoice work = new AccountChoice("work", "main", KNOWN, Map.of("ping", List.of("shop")));
        assertTrue(shop.serves(s));
        assertFalse(work.serves(s));
    }

    @Test
    void aNameThatIsNoAccountIsReportedOnceByTheDefaultAccount() throws Exception {
        PluginManifest s = script("ping.js", "// accounts: wrok\n");
        assertFalse(as("work").serves(s), "the others just do not run it");
        String e =
                assertThrows(ConfigException.class, () -> as("main").serves(s)).getMessage();
        assertEquals(
                "scripts/ping.js: its accounts: header names 'wrok', which is no account (accounts: main, shop, work)",
                e);
    }
}
