package io.scriptgram.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code accounts:} in config.yml: the single-account form, inheritance, the default, and clear errors. */
class AccountsConfigTest {
    private static final Path BASE = Path.of("/srv/sg");
    private static final String HASH = "0123456789abcdef0123456789abcdef";

    private static Config parse(String yaml) {
        return ConfigLoader.parse(yaml, "config.yml", BASE, Map.of());
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void withoutAccountsTheTopLevelIsOneAccountNamedMain() {
        Config c = parse("session: my.session\n");
        assertEquals("main", c.account());
        assertEquals(List.of("main"), List.copyOf(c.accounts().byName().keySet()));
        assertFalse(c.accounts().several());
        assertEquals(BASE.resolve("my.session"), c.forAccount("main").session());
        assertEquals(c, c.forAccount("main"));
    }

    @Test
    void accountsInheritTheTopLevelAndEachHasItsOwnSession() {
        Config c = parse("""
                mode: telegram
                api_id: 12345
                api_hash: %s
                session: data/old.session
                flood_wait_threshold: 2m
                accounts:
                  personal: {phone: "+44 7700 900123"}
                  work:
                    api_id: 777
                    device: {model: Work Box}
                    proxy: socks5://127.0.0.1:1080
                """.formatted(HASH));
        assertEquals("personal", c.account(), "the first account is the default");
        Config personal = c.forAccount("personal"), work = c.forAccount("work");
        assertEquals(BASE.resolve("data/old.session"), personal.session(), "the top-level session stays the default's");
        assertEquals(BASE.resolve("data/work.session"), work.session());
        assertEquals(12345, personal.apiId());
        assertEquals(777, work.apiId());
        assertEquals(HASH, work.apiHash(), "api_hash inherited");
        assertEquals(Duration.ofMinutes(2), work.floodWaitThreshold());
        assertEquals("Work Box", work.device().model());
        assertEquals("en", work.device().langCode(), "the rest of device inherited");
        assertEquals("Scriptgram", personal.device().model());
        assertNull(personal.proxy());
        assertEquals(1080, work.proxy().port());
        assertEquals("+44 7700 900123", c.accounts().byName().get("personal").phone());
        assertEquals("work", work.account());
        assertEquals(
                List.of("personal", "work"),
                c.everyAccount().stream().map(Config::account).toList());
    }

    @Test
    void defaultAccountChoosesTheDefault() {
        Config c = parse("""
                default_account: b
                accounts:
                  a: {phone: "+999 66 1 1001"}
                  b: {phone: "+999 66 1 1002"}
                """);
        assertEquals("b", c.account());
        assertEquals("+999 66 1 1002", c.sandbox().phone(), "a sandbox account's phone is its sandbox user");
        assertEquals("+999 66 1 1001", c.forAccount("a").sandbox().phone());
        assertEquals(
                List.of("b", "a"),
                c.everyAccount().stream().map(Config::account).toList());
    }

    @Test
    void theDefaultSandboxAccountMayLeaveItsPhoneToSandboxPhone() {
        Config c = parse("""
                sandbox: {phone: "+999 66 1 1234"}
                accounts:
                  main: {}
                  alice: {phone: "+999 66 1 1001"}
                """);
        assertEquals("+999 66 1 1234", c.sandbox().phone());
        assertEquals(BASE.resolve("data/main.session"), c.session());
    }

    @Test
    void anUnknownAccountIsNamedWithTheKnownOnes() {
        Config c = parse("accounts: {a: {}, b: {phone: '+999 66 1 1001'}}\n");
        String e = assertThrows(ConfigException.class, () -> c.forAccount("c")).getMessage();
        assertEquals("no account 'c' in config.yml (accounts: a, b)", e);
    }

    @Test
    void mistakesNameTheFileTheLineTheKeyAndTheAccount() {
        assertEquals(
                "config.yml: line 4: accounts.work.api_id: required in telegram mode (a number from my.telegram.org,"
                        + " or SCRIPTGRAM_API_ID)",
                error("""
                        mode: sandbox
                        accounts:
                          main: {}
                          work: {mode: telegram, api_hash: %s}
                        """.formatted(HASH)));
        assertEquals(
                "config.yml: line 4: unknown key 'accounts.work.sesion' (did you mean 'accounts.work.session'?)",
                error("""
                        accounts:
                          main: {}
                          work:
                            sesion: w.session
                            phone: "+999 66 1 1001"
                        """));
        assertTrue(error("accounts: {main: {}, work: {transport: carrier-pigeon, phone: '1'}}\n")
                .contains("accounts.work.transport: expected abridged"));
        assertTrue(error("accounts: {main: {}, \"bad name\": {}}\n").contains("'bad name' cannot name an account"));
        assertTrue(error("accounts: []\n").contains("accounts: expected a mapping from account names"));
        assertTrue(error("default_account: c\naccounts: {a: {}, b: {phone: '1'}}\n")
                .contains("default_account: 'c' is not one of the accounts (a, b)"));
        assertTrue(error("default_account: work\n").contains("without accounts: there is one, named main"));
    }

    @Test
    void twoAccountsCannotShareASessionOrASandboxUser() {
        String session = error("""
                accounts:
                  a: {session: s.session}
                  b: {session: s.session, phone: "+999 66 1 1001"}
                """);
        assertTrue(session.contains("line 3: accounts.b.session") && session.contains("accounts.a"), session);
        String phone = error("""
                sandbox: {phone: "+999 66 1 1001"}
                accounts:
                  a: {}
                  b: {phone: "+999 661 1001"}
                """);
        assertTrue(phone.contains("accounts.b.phone") && phone.contains("also accounts.a's sandbox user"), phone);
        String none = error("accounts: {a: {}, b: {}}\n");
        assertTrue(none.contains("accounts.b.phone: required for this account on the in-process sandbox"), none);
    }

    @Test
    void scriptsAccountsSaysWhichAccountsASingleFileScriptServes() {
        Config c = parse("""
                accounts: {a: {}, b: {phone: "+999 66 1 1001"}}
                scripts:
                  accounts: {ping: [a, b], top: "*"}
                """);
        assertEquals(
                Map.of("ping", List.of("a", "b"), "top", List.of("*")),
                c.accounts().scripts());
        assertTrue(error("""
                        accounts: {a: {}, b: {phone: "+999 66 1 1001"}}
                        scripts:
                          accounts: {ping: [a, c]}
                        """).contains("ping: no account 'c' (accounts: a, b)"));
    }

    @Test
    void theEnvironmentStillOverridesTheFile() {
        Config c = ConfigLoader.parse(
                "accounts: {a: {mode: telegram}, b: {mode: telegram}}\n",
                "config.yml",
                BASE,
                Map.of("SCRIPTGRAM_API_ID", "99", "SCRIPTGRAM_API_HASH", HASH, "SCRIPTGRAM_SESSION", "env.session"));
        assertEquals(99, c.forAccount("b").apiId());
        assertEquals(BASE.resolve("env.session"), c.session(), "SCRIPTGRAM_SESSION is the default account's");
        assertEquals(BASE.resolve("data/b.session"), c.forAccount("b").session());
    }
}
