package io.scriptgram.config;

import java.nio.file.Path;
import java.util.Locale;

/** {@code console:} in config.yml: where the web console listens, and how it is protected off loopback. */
final class ConsoleSection {
    static final String DEFAULT_LISTEN = "127.0.0.1:8090";

    private ConsoleSection() {}

    /**
     * {@code console: {listen: HOST:PORT, tls_cert: FILE, tls_key: FILE, insecure: false}}, or {@code console: off}.
     * The token file sits beside the session file, in the data folder.
     */
    static Config.Console parse(YamlNode root, Path base, Path session) {
        Path token = session.resolveSibling("console-token");
        Object v = root.any("console");
        if (Boolean.FALSE.equals(v) || (v instanceof String s && s.trim().equalsIgnoreCase("off")))
            return new Config.Console(false, "127.0.0.1", 8090, null, null, false, token);
        YamlNode c = root.child("console");
        boolean enabled = c.bool("enabled", true);
        String listen = c.string("listen", DEFAULT_LISTEN).trim();
        int colon = listen.lastIndexOf(':');
        String host =
                colon < 0 ? "" : listen.substring(0, colon).replace("[", "").replace("]", "");
        int port = -1;
        try {
            if (colon > 0) port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (host.isEmpty() || port < 0 || port > 65535)
            throw c.error("listen", "HOST:PORT such as " + DEFAULT_LISTEN + " (port 0: any free port)", listen);
        String cert = c.string("tls_cert", null);
        String key = c.string("tls_key", null);
        if ((cert == null) != (key == null))
            throw c.fail(
                    cert == null ? "tls_cert" : "tls_key",
                    "tls_cert and tls_key go together: the certificate and its private key, both PEM files");
        boolean insecure = c.bool("insecure", false);
        if (enabled && cert == null && !insecure && !loopback(host))
            throw c.fail(
                    "listen",
                    "'" + listen + "' is reachable from other machines: give tls_cert and tls_key (HTTPS),"
                            + " or set insecure: true to serve plain HTTP there anyway");
        return new Config.Console(
                enabled,
                host,
                port,
                cert == null ? null : base.resolve(cert),
                key == null ? null : base.resolve(key),
                insecure,
                token);
    }

    /** Whether {@code host} names this machine only (no name lookup: the words and addresses that mean it). */
    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
    }
}
