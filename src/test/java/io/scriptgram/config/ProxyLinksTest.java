package io.scriptgram.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code proxy:} links as users paste them, and the errors for the ones that are wrong. */
class ProxyLinksTest {
    private static final String KEY = "00112233445566778899aabbccddeeff";
    private static final byte[] EE = HexFormat.of()
            .parseHex("ee" + KEY + HexFormat.of().formatHex("example.com".getBytes(StandardCharsets.US_ASCII)));

    private static Config.Proxy mt(String host, int port, byte[] secret) {
        return new Config.Proxy(Config.Proxy.Kind.MTPROXY, host, port, null, null, secret);
    }

    @Test
    void everyMtproxyLinkFormAndSecretEncoding() {
        byte[] plain = HexFormat.of().parseHex(KEY);
        byte[] dd = HexFormat.of().parseHex("dd" + KEY);
        assertEquals(mt("1.2.3.4", 443, plain), ProxyLinks.parse("mtproxy://1.2.3.4:443?secret=" + KEY));
        assertEquals(
                mt("proxy.example", 8443, dd),
                ProxyLinks.parse("tg://proxy?server=proxy.example&port=8443&secret=dd" + KEY));
        assertEquals(
                mt("proxy.example", 443, EE),
                ProxyLinks.parse("https://t.me/proxy?server=proxy.example&port=443&secret=ee" + KEY
                        + HexFormat.of().formatHex("example.com".getBytes(StandardCharsets.US_ASCII))));
        // ee secrets are often published in base64url ("7..."), with or without padding, sometimes url-escaped.
        String b64url = Base64.getUrlEncoder().withoutPadding().encodeToString(EE);
        assertTrue(b64url.startsWith("7"), b64url);
        assertEquals(mt("h", 1, EE), ProxyLinks.parse("tg://proxy?server=h&port=1&secret=" + b64url));
        String b64 = Base64.getEncoder().encodeToString(EE).replace("=", "%3D").replace("+", "%2B");
        assertEquals(mt("h", 1, EE), ProxyLinks.parse("https://t.me/proxy?server=h&port=1&secret=" + b64));
        assertEquals(mt("::1", 443, plain), ProxyLinks.parse("mtproxy://[::1]:443?secret=" + KEY));
    }

    @Test
    void socksAndHttpConnect() {
        assertEquals(new Config.Proxy("127.0.0.1", 1080, "u", "p"), ProxyLinks.parse("socks5://u:p@127.0.0.1:1080"));
        assertEquals(
                new Config.Proxy(Config.Proxy.Kind.HTTP, "127.0.0.1", 3128, "alice", "p@ss", null),
                ProxyLinks.parse("http://alice:p%40ss@127.0.0.1:3128"));
        assertEquals(
                new Config.Proxy(Config.Proxy.Kind.HTTP, "127.0.0.1", 3128, null, null, null),
                ProxyLinks.parse("http://127.0.0.1:3128"));
        assertEquals(
                new Config.Proxy(Config.Proxy.Kind.SOCKS5, "s", 9050, "u", "p", null),
                ProxyLinks.parse("tg://socks?server=s&port=9050&user=u&pass=p"));
        assertEquals(
                "http://alice:***@127.0.0.1:3128",
                ProxyLinks.parse("http://alice:pw@127.0.0.1:3128").toString());
    }

    @Test
    void badLinksSayWhatIsWrongWithoutTheSecret() {
        String[] bad = {
            "mtproxy://1.2.3.4:443",
            "mtproxy://1.2.3.4:443?secret=0011",
            "tg://proxy?server=h&secret=" + KEY,
            "tg://proxy?server=h&port=99999&secret=" + KEY,
            "ftp://h:1",
            "https://example.com/proxy?server=h&port=1&secret=" + KEY,
            "mtproxy://1.2.3.4:443?secret=cc" + KEY,
        };
        for (String link : bad) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ProxyLinks.parse(link), link);
            assertFalse(e.getMessage().contains(KEY) || e.getMessage().contains("0011"), e.getMessage());
        }
        ConfigException c = assertThrows(
                ConfigException.class,
                () -> ConfigLoader.parse(
                        "proxy: mtproxy://h:1?secret=" + KEY.substring(2) + "\n",
                        "config.yml",
                        Path.of("/x"),
                        Map.of()));
        assertTrue(c.getMessage().contains("proxy: expected socks5://"), c.getMessage());
        assertTrue(c.getMessage().contains("neither hex nor base64"), c.getMessage());
        assertFalse(c.getMessage().contains(KEY.substring(2)), c.getMessage());
    }

    @Test
    void configReadsTheLinkAndPreferIpv6() {
        Config c = ConfigLoader.parse(
                "proxy: tg://proxy?server=127.0.0.1&port=4443&secret=dd" + KEY
                        + "\nprefer_ipv6: true\ndc: \"[::1]:4430\"\n",
                "config.yml",
                Path.of("/x"),
                Map.of());
        assertEquals(mt("127.0.0.1", 4443, HexFormat.of().parseHex("dd" + KEY)), c.proxy());
        assertTrue(c.preferIpv6());
        assertEquals(new Config.Dc(Config.Dc.Kind.ADDRESS, "::1", 4430), c.dc());
        assertFalse(c.toString().contains(KEY), c.toString());
    }
}
