package id.simpul.g2g.events;

import id.simpul.g2g.G2gProperties;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where the hub may POST an agency's webhook (SSRF): not to the hub's own host, the office network or the
 * cloud's metadata service. A host that is or resolves to a loopback, unspecified, link-local, private
 * (RFC 1918, carrier-grade NAT 100.64/10, IPv6 unique-local), multicast or reserved (192.0.0/24, 198.18/15,
 * 240/4, the documentation ranges 192.0.2/24, 198.51.100/24, 203.0.113/24 and 2001:db8::/32) address, or an IPv6 address carrying
 * such an IPv4 one (mapped, NAT64, 6to4), is refused, unless the hub's operators list it in
 * {@code simpul.g2g.webhooks.private-hosts} (an agency's system on the regional network). Checked when a subscription is made and again by every delivery, since a name's addresses can
 * change after it was checked (the dispatcher does not follow redirects). A delivery asks {@link #accepted}
 * for the addresses it connects to, so the lookup that is checked is the one the connection uses: a name
 * whose DNS answers a public address to one lookup and 127.0.0.1 to the next (DNS rebinding) gains nothing.
 * A name that does not resolve is left to the delivery, which fails and retries as for any unreachable
 * receiver.
 */
@Component
public class WebhookAddresses {

    private final G2gProperties.Webhooks settings;
    private final Lookup lookup;

    @Autowired
    public WebhookAddresses(G2gProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    WebhookAddresses(G2gProperties properties, Lookup lookup) {
        this.settings = properties.webhooks();
        this.lookup = lookup;
    }

    /** How a name becomes addresses: the system's resolver, or a test's DNS that changes its answer. */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    /** A name that resolves to an address the hub may not reach; the message says which and why. */
    public static final class Refused extends UnknownHostException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** Why the hub will not POST to {@code url}; empty when it may. */
    public Optional<String> refusal(URI url) {
        String host = name(url.getHost());
        if (listed(host)) {
            return Optional.empty();
        }
        try {
            accepted(host);
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(refused.getMessage());
        } catch (UnknownHostException | SecurityException unresolved) {
            return Optional.empty();
        }
    }

    /**
     * The addresses a delivery to {@code host} may connect to: all of the name's addresses, each judged by the
     * rule (a listed host's are taken as they are).
     *
     * @throws Refused when any of them is one the hub may not reach
     * @throws UnknownHostException when the name does not resolve
     */
    public InetAddress[] accepted(String host) throws UnknownHostException {
        String name = name(host);
        InetAddress[] addresses = lookup.addresses(name);
        if (listed(name)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (inside(address)) {
                throw new Refused("webhooks may not point to loopback, link-local or private addresses (" + name
                        + " is " + address.getHostAddress() + ") unless the hub's operators list the host in "
                        + "simpul.g2g.webhooks.private-hosts");
            }
        }
        return addresses;
    }

    private boolean listed(String name) {
        return settings.privateHosts().contains(name) || settings.privateHosts().contains("[" + name + "]");
    }

    /** The host as the rule and the list see it: lower case, an IPv6 literal without its brackets. */
    private static String name(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    static boolean inside(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            // 100.64.0.0/10 (carrier-grade NAT, often the provider's or the office's own network), 0.0.0.0/8, and
            // what IANA reserves that no public receiver has but networks use inside: 192.0.0.0/24 (protocol
            // assignments: NAT64 discovery, DS-Lite), 198.18.0.0/15 (benchmarking), 240.0.0.0/4 (up to broadcast),
            // and the documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (some number their inside so).
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            int third = b[2] & 0xFF;
            return (first == 100 && (second & 0xC0) == 64) || first == 0
                    || (first == 192 && second == 0 && (third == 0 || third == 2))
                    || (first == 198 && ((second & 0xFE) == 18 || (second == 51 && third == 100)))
                    || (first == 203 && second == 0 && third == 113) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique-local, 2001:db8::/32 documentation; an IPv4 address embedded in IPv6 is judged as that
            // IPv4 address.
            if ((b[0] & 0xFE) == 0xFC
                    || (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8)) {
                return true;
            }
            // So is one a NAT64 gateway (64:ff9b::/96, RFC 6052) or a 6to4 relay (2002::/16, RFC 3056) connects to.
            boolean mapped = isZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
            boolean compatible = isZero(b, 0, 12);
            boolean nat64 = b[0] == 0 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B
                    && isZero(b, 4, 12);
            boolean sixToFour = b[0] == 0x20 && b[1] == 0x02;
            if (mapped || compatible || nat64 || sixToFour) {
                int from = sixToFour ? 2 : 12;
                try {
                    return inside(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, from, from + 4)));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
