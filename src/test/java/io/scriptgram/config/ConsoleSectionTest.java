package io.scriptgram.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code console:} in config.yml: on by default on loopback; elsewhere only with TLS or an explicit insecure. */
class ConsoleSectionTest {
    private static final Path BASE = Path.of("/srv/sg");

    private static Config.Console parse(String yaml) {
        return ConfigLoader.parse(yaml, "config.yml", BASE, Map.of()).console();
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void onByDefaultOnLoopbackWithTheTokenInTheDataFolder() {
        Config.Console c = parse("");
        assertTrue(c.enabled());
        assertEquals("127.0.0.1", c.host());
        assertEquals(8090, c.port());
        assertFalse(c.tls());
        assertEquals(BASE.resolve("data/console-token"), c.tokenFile());
        assertEquals(8091, parse("console: {listen: \"localhost:8091\"}").port());
    }

    @Test
    void theTokenStaysInTheDataFolderWhenTheStoreIsPostgres() {
        // the token file is the host's, not the database's: hosts sharing one PostgreSQL each keep their own
        Config c = ConfigLoader.parse("store: postgresql://db.local:5433/sg", "config.yml", BASE, Map.of());
        assertTrue(c.store().isPostgres());
        assertEquals(BASE.resolve("data/console-token"), c.console().tokenFile());
        Config moved = ConfigLoader.parse(
                "store: postgresql://db.local/sg\nsession: state/main.session\n", "config.yml", BASE, Map.of());
        assertEquals(BASE.resolve("state/console-token"), moved.console().tokenFile());
    }

    @Test
    void offIsOff() {
        assertFalse(parse("console: off").enabled());
        assertFalse(parse("console: false").enabled());
        assertFalse(parse("console: {enabled: false}").enabled());
    }

    @Test
    void beyondLoopbackItNeedsTlsOrAnExplicitInsecure() {
        String e = error("console: {listen: \"0.0.0.0:8090\"}");
        assertTrue(e.contains("console.listen") && e.contains("tls_cert") && e.contains("insecure: true"), e);
        assertTrue(parse("console: {listen: \"0.0.0.0:8090\", insecure: true}").enabled());
        Config.Console tls = parse("console: {listen: \"0.0.0.0:8443\", tls_cert: c.pem, tls_key: k.pem}");
        assertTrue(tls.tls());
        assertEquals(BASE.resolve("c.pem"), tls.tlsCert());
        assertNull(parse("").tlsKey());
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(error("console: {listen: \"8090\"}").contains("HOST:PORT"));
        assertTrue(error("console: {listen: \"127.0.0.1:99999\"}").contains("HOST:PORT"));
        assertTrue(error("console: {tls_cert: c.pem}").contains("tls_key"));
        assertTrue(error("console: {lisen: \"127.0.0.1:1\"}").contains("lisen"));
    }
}
