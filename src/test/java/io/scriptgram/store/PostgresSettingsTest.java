package io.scriptgram.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading {@code store: postgresql://…}: credentials from the environment, never printed. */
class PostgresSettingsTest {
    @Test
    void theUserComesFromTheUrlThenPguserAndThePasswordFromTheEnvironment() {
        PostgresSettings s = PostgresSettings.fromUrl(
                "postgresql://db.local/sg", null, Map.of("PGUSER", "sg", "PGPASSWORD", "s3cret", "USER", "root"));
        assertEquals("db.local", s.host());
        assertEquals(5432, s.port());
        assertEquals("sg", s.database());
        assertEquals("sg", s.user());
        assertEquals("s3cret", s.password());
        assertEquals("jdbc:postgresql://db.local:5432/sg", s.jdbcUrl());
        PostgresSettings named = PostgresSettings.fromUrl(
                "postgres://owner@[::1]:6000/sg", "SG_PW", Map.of("PGUSER", "sg", "SG_PW", "pw2"));
        assertEquals("owner", named.user());
        assertEquals("pw2", named.password());
        assertEquals(6000, named.port());
        assertEquals("jdbc:postgresql://[::1]:6000/sg", named.jdbcUrl());
        assertEquals(
                "root",
                PostgresSettings.fromUrl("postgresql://h/d", null, Map.of("USER", "root"))
                        .user());
    }

    @Test
    void thePasswordIsNeverShown() {
        PostgresSettings s = PostgresSettings.fromUrl("postgresql://u@h:1/d", null, Map.of("PGPASSWORD", "s3cret"));
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertFalse(s.display().contains("s3cret"));
        assertEquals("postgresql://u@h:1/d", s.display());
    }

    @Test
    void badUrlsAreRefusedSayingWhy() {
        Map<String, String> env = Map.of();
        assertTrue(refused("postgresql://u:pw@h/d", env).contains("carries a password"));
        assertFalse(refused("postgresql://u:pw@h/d", env).contains("pw@"));
        assertTrue(refused("mysql://h/d", env).contains("postgresql://host:port/database"));
        assertTrue(refused("postgresql://h/", env).contains("one database"));
        assertTrue(refused("postgresql://h/d?sslmode=disable", env).contains("no parameters"));
        assertTrue(refused("postgresql:///d", env).contains("no host"));
        String missing = assertThrows(
                        StoreException.class, () -> PostgresSettings.fromUrl("postgresql://h/d", "NOPE_PW", env))
                .getMessage();
        assertTrue(missing.contains("NOPE_PW"), missing);
    }

    private static String refused(String url, Map<String, String> env) {
        return assertThrows(StoreException.class, () -> PostgresSettings.fromUrl(url, null, env))
                .getMessage();
    }
}
