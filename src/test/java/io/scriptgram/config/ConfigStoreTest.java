package io.scriptgram.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code store:}: SQLite by default, or a PostgreSQL URL whose password lives in the environment. */
class ConfigStoreTest {
    private static Config parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "config.yml", Path.of("/srv/sg"), env);
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml, Map.of())).getMessage();
    }

    @Test
    void theDefaultIsTheSqliteSessionFile() {
        assertEquals(Config.Store.SQLITE, parse("", Map.of()).store());
        assertEquals(Config.Store.SQLITE, parse("store: sqlite", Map.of()).store());
        assertFalse(parse("", Map.of()).store().isPostgres());
    }

    @Test
    void aPostgresUrlInEitherFormOrFromTheEnvironment() {
        Config.Store s = parse("store: postgresql://db.local:5433/sg", Map.of()).store();
        assertEquals(new Config.Store("postgresql://db.local:5433/sg", null), s);
        assertTrue(s.isPostgres());
        assertEquals(
                new Config.Store("postgresql://sg@db.local/sg", "SG_DB_PASSWORD"),
                parse("store:\n  url: postgresql://sg@db.local/sg\n  password_env: SG_DB_PASSWORD\n", Map.of())
                        .store());
        assertEquals(
                "postgresql://other/sg",
                parse("store: sqlite", Map.of("SCRIPTGRAM_STORE", "postgresql://other/sg"))
                        .store()
                        .url());
    }

    @Test
    void aPasswordInTheUrlOrAnUnknownSchemeIsRefusedWithoutEchoingIt() {
        String password = error("store: postgresql://sg:hunter2@db/sg");
        assertTrue(password.contains("store"), password);
        assertTrue(password.contains("PGPASSWORD"), password);
        assertFalse(password.contains("hunter2"), password);
        String scheme = error("store: mysql://db/sg");
        assertTrue(scheme.contains("postgresql://host:port/database"), scheme);
        String key = error("store:\n  url: postgresql://db/sg\n  pasword_env: X\n");
        assertTrue(key.contains("pasword_env"), key);
        String variable = error("store:\n  url: postgresql://db/sg\n  password_env: 'not a name'\n");
        assertTrue(variable.contains("password_env"), variable);
        assertFalse(parse("store: postgresql://sg@db/sg", Map.of()).toString().contains("hunter2"));
    }
}
