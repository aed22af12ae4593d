package io.scriptgram.script;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The JVM's name resolver (installed through {@code META-INF/services}), so that {@code fetch} connects to the address
 * it checked: a fetch looks a name up once ({@link #lookupOnce}), checks the answers against the plugin's network
 * policy, and pins the name to the ones that passed while its request runs; the HTTP client's own lookup of that name
 * then gets exactly those. A second answer from DNS (rebinding) is never asked for. Names nobody pinned resolve as the
 * JDK would.
 */
public final class PinningResolverProvider extends InetAddressResolverProvider {
    private static volatile InetAddressResolver builtin;

    /** A pinned name: the addresses its fetches checked, and how many fetches hold it. */
    private record Pin(List<InetAddress> addresses, int holders) {}

    private static final Map<String, Pin> PINS = new ConcurrentHashMap<>();

    @Override
    public InetAddressResolver get(Configuration configuration) {
        builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                Pin pin = PINS.get(key(host));
                if (pin != null) return pin.addresses().stream();
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "scriptgram-fetch-pinning";
    }

    /** Whether the JVM uses this resolver (it may not, if another provider came first): fetch refuses otherwise. */
    static boolean installed() {
        if (builtin == null) {
            try {
                InetAddress.getByName("127.0.0.1"); // the first lookup loads the JVM's resolver
            } catch (UnknownHostException ignored) {
                // a literal
            }
            try {
                InetAddress.getAllByName("localhost");
            } catch (UnknownHostException ignored) {
                // nothing to learn
            }
        }
        return builtin != null;
    }

    /** The DNS answer for {@code host}, asked once, bypassing pins. */
    static List<InetAddress> lookupOnce(String host) throws UnknownHostException {
        InetAddressResolver r = builtin;
        if (r == null) throw new UnknownHostException(host + ": the fetch resolver is not installed");
        return r.lookupByName(
                        host,
                        InetAddressResolver.LookupPolicy.of(
                                InetAddressResolver.LookupPolicy.IPV4 | InetAddressResolver.LookupPolicy.IPV6))
                .toList();
    }

    /** Pins {@code host} to {@code addresses} until {@link #unpin}. */
    static void pin(String host, List<InetAddress> addresses) {
        PINS.compute(key(host), (k, p) -> new Pin(List.copyOf(addresses), p == null ? 1 : p.holders() + 1));
    }

    static void unpin(String host) {
        PINS.computeIfPresent(key(host), (k, p) -> p.holders() <= 1 ? null : new Pin(p.addresses(), p.holders() - 1));
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
