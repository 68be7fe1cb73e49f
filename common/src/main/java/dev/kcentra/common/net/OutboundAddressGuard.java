package dev.kcentra.common.net;

import org.keycloak.Config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Refuses server-side requests to URLs an admin typed (the vault's webhook, a custom login authority or Graph URL)
 * when their host resolves to the server's own networks: loopback, link-local (cloud metadata at 169.254.169.254),
 * private ranges, unspecified and multicast, IPv4 and IPv6. Every resolved address is checked, and at request time,
 * so a saved name that later resolves inward (DNS rebinding) is refused too. Allowed only by the server option
 * {@code --spi-kcentra-outbound--allow-private-addresses=true} (a stand-in on the same machine, a proxy inside the
 * network), read here and nowhere else.
 */
public final class OutboundAddressGuard {

    public static final String SCOPE = "kcentra-outbound";
    public static final String ALLOW_PRIVATE = "allow-private-addresses";
    public static final String OPTION = "--spi-" + SCOPE + "--" + ALLOW_PRIVATE;

    /** Name resolution, replaceable in tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static volatile OutboundAddressGuard server;

    private final boolean allowPrivate;
    private final Resolver resolver;

    public OutboundAddressGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The guard as the server options configure it. */
    public static OutboundAddressGuard server() {
        OutboundAddressGuard guard = server;
        if (guard == null) {
            guard = new OutboundAddressGuard(Config.scope(SCOPE).getBoolean(ALLOW_PRIVATE, false), InetAddress::getAllByName);
            server = guard;
        }
        return guard;
    }

    /** The secure default with the system's resolver, whatever the server options say. */
    public static OutboundAddressGuard refusingPrivate() {
        return new OutboundAddressGuard(false, InetAddress::getAllByName);
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * @return the addresses the URL's host resolves to, all of them outside the server's networks
     * @throws RefusedDestinationException when one is inside, or the URL has no host
     * @throws UnknownHostException when the host does not resolve
     */
    public List<InetAddress> check(URI url) throws UnknownHostException, RefusedDestinationException {
        String host = url == null ? null : url.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedDestinationException("The URL " + url + " has no host.");
        }
        return lookup(host);
    }

    /** As {@link #check}, for a host name or address literal (IPv6 with or without brackets). */
    public List<InetAddress> lookup(String host) throws UnknownHostException, RefusedDestinationException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = Arrays.asList(resolver.resolve(bare));
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    // The address itself is not named: the answer must not map the server's networks for the admin.
                    throw new RefusedDestinationException("Refused to send a request to " + host + ": it resolves to a "
                            + "loopback, link-local, private or multicast address of the server's own networks (allow "
                            + "these with the server option " + OPTION + "=true).");
                }
            }
        }
        return addresses;
    }

    /** Loopback, link-local, private (RFC 1918, CGNAT, IPv6 unique-local), unspecified, multicast or broadcast. */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // "this network" 0.0.0.0/8
                    || (first == 100 && (second & 0xc0) == 64) // shared address space 100.64.0.0/10
                    || (first == 255 && (bytes[1] & bytes[2] & bytes[3] & 0xff) == 0xff);
        }
        if (address instanceof Inet6Address v6) {
            if ((bytes[0] & 0xfe) == 0xfc) { // unique local fc00::/7
                return true;
            }
            boolean embedsV4 = v6.isIPv4CompatibleAddress() // ::a.b.c.d
                    || (bytes[0] == 0 && bytes[1] == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b
                    && Arrays.equals(Arrays.copyOfRange(bytes, 4, 12), new byte[8])); // NAT64 64:ff9b::/96
            if (embedsV4) {
                try {
                    return isInternal(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }
}
