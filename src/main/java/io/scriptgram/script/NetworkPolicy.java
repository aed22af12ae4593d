package io.scriptgram.script;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A plugin's {@code network:} list: which hosts {@code fetch} may reach. An entry is a host ({@code api.example.com}),
 * a wildcard for its subdomains ({@code *.example.org}, not the bare domain) or an IP address, each with an optional
 * port ({@code :443}); without one, the scheme's standard ports 80 and 443. Private, loopback and link-local addresses
 * are refused unless an entry names the address itself: a name never reaches them, whatever it resolves to.
 */
public final class NetworkPolicy {
    /** An entry: {@code host} lower case without a leading {@code *.}, {@code port} 0 for 80 and 443. */
    record Entry(String text, String host, boolean wildcard, int port, InetAddress literal) {}

    private static final Pattern HOST =
            Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    public static final NetworkPolicy NONE = new NetworkPolicy(List.of());

    private final List<Entry> entries;

    private NetworkPolicy(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses the entries; a bad one is an IllegalArgumentException naming it and saying what an entry looks like. */
    public static NetworkPolicy of(List<String> list) {
        List<Entry> out = new ArrayList<>();
        for (String raw : list) out.add(entry(raw));
        return new NetworkPolicy(out);
    }

    private static Entry entry(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        String hostPart = s;
        int port = 0;
        if (s.startsWith("[")) { // [::1]:8080
            int close = s.indexOf(']');
            if (close < 0) throw bad(raw);
            hostPart = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) port = port(rest, raw);
        } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') >= 0) {
            hostPart = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':')), raw);
        }
        InetAddress literal = literal(hostPart);
        if (literal != null) return new Entry(raw, literal.getHostAddress(), false, port, literal);
        if (hostPart.contains("/") || !HOST.matcher(hostPart).matches()) throw bad(raw);
        boolean wildcard = hostPart.startsWith("*.");
        if (wildcard && hostPart.indexOf('.', 2) < 0) throw bad(raw); // *.com would be every .com site
        return new Entry(raw, wildcard ? hostPart.substring(2) : hostPart, wildcard, port, null);
    }

    private static int port(String colonPort, String raw) {
        if (!colonPort.matches(":\\d{1,5}")) throw bad(raw);
        int p = Integer.parseInt(colonPort.substring(1));
        if (p < 1 || p > 65535) throw bad(raw);
        return p;
    }

    private static IllegalArgumentException bad(String raw) {
        return new IllegalArgumentException("'" + raw + "' is not a network entry: expected a host"
                + " (api.example.com), *.domain (its subdomains) or an IP address, with an optional :port");
    }

    /** The address an IP literal names ({@code 127.0.0.1}, {@code ::1}), without any lookup; null for a name. */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = h.contains(":") && h.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) return null;
        try {
            return InetAddress.getByName(h); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries as written, for messages and install prompts. */
    public List<String> entries() {
        return entries.stream().map(Entry::text).toList();
    }

    /**
     * The entry that lets a request reach {@code host}:{@code port}, or null. An IP literal matches only an entry
     * naming that address.
     */
    Entry match(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        InetAddress lit = literal(h);
        for (Entry e : entries) {
            boolean portOk = e.port == 0 ? port == 80 || port == 443 : e.port == port;
            if (!portOk) continue;
            if (lit != null) {
                if (lit.equals(e.literal)) return e;
            } else if (e.literal == null) {
                if (e.wildcard ? h.endsWith("." + e.host) : h.equals(e.host)) return e;
            }
        }
        return null;
    }

    /** Checks the URL's scheme, host and port against the list; the refusal says why. */
    void checkUrl(URI uri, String what) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https"))
            throw new NetworkRefused(what + ": only http and https URLs can be fetched, not '" + uri + "'");
        if (uri.getHost() == null) throw new NetworkRefused(what + ": no host in '" + uri + "'");
        if (uri.getRawUserInfo() != null)
            throw new NetworkRefused(what + ": user information in URLs is not supported ('" + uri.getHost() + "')");
        int port = port(uri);
        if (match(uri.getHost(), port) == null) {
            throw new NetworkRefused(what + ": " + uri.getHost() + ":" + port + " is not in this plugin's network:"
                    + " list " + entries() + " (add it to plugin.yml to allow it)");
        }
    }

    static int port(URI uri) {
        if (uri.getPort() > 0) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Whether {@code address} may be connected to for a request to {@code host}: a public address always; a private,
     * loopback or link-local one only when {@code host} is that address written literally and listed.
     */
    boolean mayConnect(String host, InetAddress address) {
        if (!isPrivate(address)) return true;
        InetAddress lit = literal(host);
        return lit != null && lit.equals(address);
    }

    /**
     * Addresses no name may lead to: loopback, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT (100.64/10),
     * "this network" (0/8), multicast and broadcast, and IPv4 embedded in IPv6.
     */
    static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) return true;
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int b0 = b[0] & 0xff, b1 = b[1] & 0xff;
            return b0 == 0 || (b0 == 100 && (b1 & 0xc0) == 64) || (b0 == 198 && (b1 & 0xfe) == 18) || b0 >= 240;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return true; // unique local fc00::/7
            boolean zeroPrefix = true; // ::a.b.c.d and ::ffff:a.b.c.d carry an IPv4 address
            for (int i = 0; i < 10; i++) zeroPrefix &= b[i] == 0;
            if (zeroPrefix && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff)))
                return true;
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) return true; // 6to4 can embed any IPv4
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b)
                return true; // NAT64 64:ff9b::/96
        }
        return false;
    }

    /** A request the policy refused: the script gets its message. */
    static final class NetworkRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NetworkRefused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String toString() {
        return entries().toString();
    }
}
