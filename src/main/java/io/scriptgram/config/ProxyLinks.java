package io.scriptgram.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Proxy addresses as users paste them: {@code socks5://[user:pass@]host:port}, {@code http://[user:pass@]host:port}
 * (HTTP CONNECT), and MTProxy links in the three forms proxies publish: {@code mtproxy://host:port?secret=S},
 * {@code tg://proxy?server=H&port=P&secret=S} and {@code https://t.me/proxy?server=H&port=P&secret=S} (Telegram's
 * {@code tg://socks} / {@code t.me/socks} links name a SOCKS5 proxy the same way). Secrets are hex or base64 (url-safe
 * or not, padded or not): 16 bytes, {@code dd} + 16 bytes, or {@code ee} + 16 bytes + a domain. Errors never repeat a
 * password or a secret.
 */
public final class ProxyLinks {
    private ProxyLinks() {}

    /** What {@code proxy:} accepts, for error messages. */
    public static final String FORMS = "socks5://[user:password@]host:port, http://[user:password@]host:port, "
            + "mtproxy://host:port?secret=SECRET, tg://proxy?server=HOST&port=PORT&secret=SECRET or "
            + "https://t.me/proxy?server=HOST&port=PORT&secret=SECRET";

    /** @throws IllegalArgumentException naming what is wrong, without the secret or password */
    public static Config.Proxy parse(String text) {
        String t = text.trim();
        URI u;
        try {
            u = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a link (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        Map<String, String> q = query(u.getRawQuery());
        switch (scheme) {
            case "socks5", "http" -> {
                if ("t.me".equals(host) || "telegram.me".equals(host)) return telegramLink(u, q);
                if (u.getHost() == null || u.getPort() <= 0)
                    throw new IllegalArgumentException("a " + scheme + " proxy needs host:port");
                String user = null, pass = null;
                if (u.getRawUserInfo() != null) {
                    String[] up = u.getRawUserInfo().split(":", 2);
                    user = unescape(up[0]);
                    pass = up.length > 1 ? unescape(up[1]) : "";
                }
                Config.Proxy.Kind kind = scheme.equals("http") ? Config.Proxy.Kind.HTTP : Config.Proxy.Kind.SOCKS5;
                return new Config.Proxy(kind, bare(u.getHost()), u.getPort(), user, pass, null);
            }
            case "mtproxy" -> {
                if (u.getHost() == null || u.getPort() <= 0)
                    throw new IllegalArgumentException("an mtproxy link needs host:port");
                return mtproxy(bare(u.getHost()), u.getPort(), q);
            }
            case "tg" -> {
                return telegramLink(u, q);
            }
            case "https" -> {
                if ("t.me".equals(host) || "telegram.me".equals(host)) return telegramLink(u, q);
                throw new IllegalArgumentException("https:// is only for t.me/proxy links; an HTTP proxy is http://");
            }
            default -> throw new IllegalArgumentException("unknown proxy scheme '" + scheme + "'");
        }
    }

    /**
     * {@code tg://proxy?...}, {@code tg://socks?...}, {@code https://t.me/proxy?...}, {@code https://t.me/socks?...}.
     */
    private static Config.Proxy telegramLink(URI u, Map<String, String> q) {
        String what = u.getScheme().equalsIgnoreCase("tg")
                ? u.getHost() == null
                        ? u.getSchemeSpecificPart().replaceFirst("^//", "").replaceFirst("\\?.*", "")
                        : u.getHost()
                : u.getPath() == null ? "" : u.getPath().replaceFirst("^/", "");
        String server = q.get("server");
        String portText = q.get("port");
        if (server == null || server.isBlank() || portText == null)
            throw new IllegalArgumentException("the link needs server= and port=");
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, got " + portText);
        switch (what.toLowerCase(Locale.ROOT)) {
            case "proxy" -> {
                return mtproxy(bare(server), port, q);
            }
            case "socks" -> {
                return new Config.Proxy(
                        Config.Proxy.Kind.SOCKS5, bare(server), port, q.get("user"), q.get("pass"), null);
            }
            default -> throw new IllegalArgumentException("expected a proxy or socks link, got '" + what + "'");
        }
    }

    private static Config.Proxy mtproxy(String host, int port, Map<String, String> q) {
        String secret = q.get("secret");
        if (secret == null || secret.isBlank()) throw new IllegalArgumentException("an MTProxy link needs secret=");
        return new Config.Proxy(Config.Proxy.Kind.MTPROXY, host, port, null, null, secret(secret));
    }

    /**
     * An MTProxy secret as published: hex, or base64 (either alphabet, padding optional), decoded and checked for its
     * shape.
     *
     * @throws IllegalArgumentException a secret of no known form (the message describes it without repeating it)
     */
    public static byte[] secret(String text) {
        String t = text.trim();
        byte[] raw = null;
        if (t.matches("(?i)[0-9a-f]+") && t.length() % 2 == 0)
            raw = HexFormat.of().parseHex(t);
        if (raw == null || !validShape(raw)) {
            try {
                String b64 = t.replace('+', '-').replace('/', '_').replaceAll("=+$", "");
                raw = Base64.getUrlDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                raw = null;
            }
        }
        if (raw == null || !validShape(raw)) {
            throw new IllegalArgumentException("the MTProxy secret (" + t.length() + " characters) is neither hex nor "
                    + "base64 of 16 bytes, dd + 16 bytes, or ee + 16 bytes + a domain");
        }
        return raw;
    }

    private static boolean validShape(byte[] raw) {
        if (raw.length == 16) return true;
        if (raw.length == 17 && (raw[0] & 0xff) == 0xdd) return true;
        if (raw.length > 17 && (raw[0] & 0xff) == 0xee) {
            for (int i = 17; i < raw.length; i++) if (raw[i] <= 0x20 || raw[i] >= 0x7f) return false;
            return true;
        }
        return false;
    }

    /** An IPv6 literal without its URL brackets. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            out.put(pair.substring(0, eq).toLowerCase(Locale.ROOT), unescape(pair.substring(eq + 1)));
        }
        return out;
    }

    /** %XX escapes only: a '+' stays a '+', since base64 secrets contain it. */
    private static String unescape(String s) {
        if (s.indexOf('%') < 0) return s;
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                try {
                    out[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    n--;
                }
            }
            out[n++] = (byte) c;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
