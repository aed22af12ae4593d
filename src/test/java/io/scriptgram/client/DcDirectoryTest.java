package io.scriptgram.client;

import static org.junit.jupiter.api.Assertions.*;

import io.scriptgram.tl.TlObject;
import io.scriptgram.tl.TlSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which address of each DC the client takes from help.getConfig's dc_options, with and without prefer_ipv6. */
class DcDirectoryTest {
    private static final TlSchema SCHEMA = TlSchema.bundled();

    private static TlObject option(int dc, String ip, int port, boolean ipv6, boolean mediaOnly) {
        return TlObject.of(
                SCHEMA,
                "dcOption",
                Map.of("id", dc, "ip_address", ip, "port", port, "ipv6", ipv6, "media_only", mediaOnly));
    }

    private static final List<TlObject> OPTIONS = List.of(
            option(2, "149.154.167.51", 443, false, false),
            option(2, "2001:67c:4e8:f002::a", 443, true, false),
            option(2, "2001:67c:4e8:f002::b", 443, true, true),
            option(3, "149.154.175.100", 443, false, false),
            option(4, "2001:67c:4e8:f004::a", 443, true, false));

    @Test
    void ipv4ByDefaultAnIpv6OnlyDcStillGetsNothingElse() {
        DcDirectory d = new DcDirectory(1, new Endpoint("127.0.0.1", 1));
        d.learnOptions(OPTIONS);
        assertEquals(new Endpoint("149.154.167.51", 443), d.known(2));
        assertEquals(new Endpoint("149.154.175.100", 443), d.known(3));
        assertNull(d.known(4), "without prefer_ipv6 no IPv6 address is taken");
        assertEquals(new Endpoint("127.0.0.1", 1), d.known(1), "the configured first DC stays");
    }

    @Test
    void preferIpv6TakesTheIpv6AddressWhereThereIsOneAndIpv4Elsewhere() {
        DcDirectory d = new DcDirectory(1, new Endpoint("::1", 1), true);
        d.learnOptions(OPTIONS);
        assertEquals(new Endpoint("2001:67c:4e8:f002::a", 443), d.known(2), "not the media-only one");
        assertEquals(new Endpoint("149.154.175.100", 443), d.known(3));
        assertEquals(new Endpoint("2001:67c:4e8:f004::a", 443), d.known(4));
    }
}
