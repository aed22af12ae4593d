package io.scriptgram.session;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP addresses as packed bytes (Telethon's layout) and back, without any name lookup. */
final class IpBytes {
    private IpBytes() {}

    static String text(byte[] packed) {
        try {
            return InetAddress.getByAddress(packed).getHostAddress();
        } catch (UnknownHostException e) {
            throw new SessionFormatException("an address of " + packed.length + " bytes is neither IPv4 nor IPv6");
        }
    }

    /** The packed form of a literal address; a host name is refused (no lookup happens here). */
    static byte[] packed(String literal, String formatLabel) {
        if (!literal.matches("[0-9.]+") && !literal.contains(":"))
            throw new SessionFormatException(formatLabel + " needs an IP address, not the name '" + literal + "'");
        try {
            InetAddress a = InetAddress.getByName(literal);
            if (!(a instanceof Inet4Address) && !(a instanceof Inet6Address))
                throw new SessionFormatException(formatLabel + ": '" + literal + "' is not an IP address");
            return a.getAddress();
        } catch (UnknownHostException e) {
            throw new SessionFormatException(formatLabel + ": '" + literal + "' is not an IP address");
        }
    }
}
