package io.scriptgram.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** network: entries as plugin.yml writes them, and which hosts, ports and addresses they let through. */
class NetworkPolicyTest {
    @Test
    void hostsWildcardsAndPorts() {
        NetworkPolicy p = NetworkPolicy.of(List.of("api.example.com", "*.example.org:443", "127.0.0.1:8080"));
        assertNotNull(p.match("api.example.com", 443));
        assertNotNull(p.match("API.example.com", 80));
        assertNull(p.match("api.example.com", 8443), "no port listed: only 80 and 443");
        assertNull(p.match("evil-api.example.com", 443));
        assertNotNull(p.match("a.b.example.org", 443));
        assertNull(p.match("example.org", 443), "*.domain is its subdomains, not the domain");
        assertNull(p.match("a.example.org", 80), "the port listed is the only one");
        assertNull(p.match("example.org.evil.com", 443));
        assertNotNull(p.match("127.0.0.1", 8080));
        assertNull(p.match("127.0.0.1", 8081));
        assertNull(p.match("localhost", 8080), "an address entry is not a name");
    }

    @Test
    void badEntriesAreNamed() {
        for (String bad :
                List.of("http://x.com", "x.com/path", "*", "*.com", "*.com:99999", "x..com", "a b", "x.com:")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> NetworkPolicy.of(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not a network entry"), e.getMessage());
        }
    }

    @Test
    void urlsOutsideTheListAreRefusedWithTheReason() {
        NetworkPolicy p = NetworkPolicy.of(List.of("api.example.com"));
        p.checkUrl(URI.create("https://api.example.com/v1?key=1"), "fetch");
        String m = assertThrows(
                        NetworkPolicy.NetworkRefused.class,
                        () -> p.checkUrl(URI.create("https://other.example.com/"), "fetch"))
                .getMessage();
        assertEquals(
                "fetch: other.example.com:443 is not in this plugin's network: list [api.example.com] (add it to"
                        + " plugin.yml to allow it)",
                m);
        assertThrows(NetworkPolicy.NetworkRefused.class, () -> p.checkUrl(URI.create("ftp://api.example.com/"), "f"));
        assertThrows(
                NetworkPolicy.NetworkRefused.class, () -> p.checkUrl(URI.create("https://u:p@api.example.com/"), "f"));
    }

    @Test
    void privateAddressesOnlyWhenListedLiterally() throws Exception {
        NetworkPolicy p = NetworkPolicy.of(List.of("127.0.0.1:8080", "svc.example.com"));
        for (String a : List.of(
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "::1",
                "fe80::1",
                "fd00::1",
                "::ffff:127.0.0.1",
                "224.0.0.1")) {
            assertTrue(NetworkPolicy.isPrivate(InetAddress.getByName(a)), a);
            assertFalse(p.mayConnect("svc.example.com", InetAddress.getByName(a)), a);
        }
        assertFalse(NetworkPolicy.isPrivate(InetAddress.getByName("93.184.216.34")));
        assertTrue(p.mayConnect("svc.example.com", InetAddress.getByName("93.184.216.34")));
        assertTrue(p.mayConnect("127.0.0.1", InetAddress.getByName("127.0.0.1")));
    }
}
