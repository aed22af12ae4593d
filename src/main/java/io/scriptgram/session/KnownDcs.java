package io.scriptgram.session;

import java.util.Map;

/**
 * Telegram's published DC addresses, for formats that record only a DC id (Pyrogram). Facts from Telegram's API
 * documentation (core.telegram.org, "Working with Different Data Centers") and the defaults the client libraries ship.
 */
public final class KnownDcs {
    private static final Map<Integer, String> PRODUCTION = Map.of(
            1, "149.154.175.53",
            2, "149.154.167.51",
            3, "149.154.175.100",
            4, "149.154.167.91",
            5, "91.108.56.130");
    private static final Map<Integer, String> TEST = Map.of(
            1, "149.154.175.10",
            2, "149.154.167.40",
            3, "149.154.175.117");
    public static final int PORT = 443;

    private KnownDcs() {}

    /** The address of a DC, or null when Telegram publishes none for it. */
    public static String address(int dcId, boolean test) {
        return (test ? TEST : PRODUCTION).get(dcId);
    }

    /** The session with the published address of its DC filled in when it has none. */
    public static PortableSession withAddress(PortableSession s) {
        if (s.host() != null) return s;
        String ip = address(s.dcId(), s.test());
        if (ip == null)
            throw new SessionFormatException(s.format().label() + ": DC " + s.dcId() + " has no known "
                    + (s.test() ? "test" : "production") + " address");
        return s.withAddress(ip, PORT);
    }
}
