package io.scriptgram.store;

import java.util.Objects;

/**
 * One address of a DC, as {@code help.getConfig} lists them.
 *
 * @param ipv6 the address is IPv6
 * @param mediaOnly only for file transfers
 * @param cdn a CDN DC
 * @param test a test-server DC
 */
public record DcOption(int dcId, String ip, int port, boolean ipv6, boolean mediaOnly, boolean cdn, boolean test) {
    public DcOption {
        Objects.requireNonNull(ip, "ip");
        if (ip.isBlank())
            throw new StoreException(StoreException.Kind.INVALID, "DC option for DC " + dcId + " has a blank ip");
        if (port < 1 || port > 65535) {
            throw new StoreException(
                    StoreException.Kind.INVALID,
                    "DC option for DC " + dcId + " has port " + port + ", expected 1..65535");
        }
    }

    /** A plain IPv4 production address. */
    public static DcOption of(int dcId, String ip, int port) {
        return new DcOption(dcId, ip, port, false, false, false, false);
    }
}
