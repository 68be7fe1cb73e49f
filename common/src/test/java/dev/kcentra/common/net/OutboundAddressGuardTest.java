package dev.kcentra.common.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundAddressGuardTest {

    private static final List<String> INTERNAL = List.of("127.0.0.1", "127.8.9.10", "10.0.0.1", "10.255.255.255", "172.16.0.1",
            "172.31.255.254", "192.168.1.1", "169.254.169.254", "169.254.0.1", "0.0.0.0", "0.1.2.3", "100.64.0.1",
            "100.127.255.255", "224.0.0.1", "239.255.255.250", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1",
            "fd12:3456:789a::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a9fe:a9fe",
            "fec0::1");
    private static final List<String> PUBLIC = List.of("8.8.8.8", "20.190.151.68", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "169.253.1.1", "192.169.0.1", "11.0.0.1", "2001:4860:4860::8888", "2603:1030::1", "64:ff9b::808:808");

    @Test
    void internalAddressesAreRefusedAndPublicOnesPass() throws Exception {
        for (String address : INTERNAL) {
            assertTrue(OutboundAddressGuard.isInternal(InetAddress.getByName(address)), address);
        }
        for (String address : PUBLIC) {
            assertFalse(OutboundAddressGuard.isInternal(InetAddress.getByName(address)), address);
        }
    }

    @Test
    void everyResolvedAddressIsChecked() throws Exception {
        OutboundAddressGuard guard = guard(false, Map.of("mixed.example", new String[] {"20.190.151.68", "10.1.2.3"},
                "public.example", new String[] {"20.190.151.68", "2603:1030::1"}));
        RefusedDestinationException refused = assertThrows(RefusedDestinationException.class,
                () -> guard.check(URI.create("https://mixed.example/change")));
        assertTrue(refused.getMessage().contains("mixed.example") && refused.getMessage().contains(OutboundAddressGuard.OPTION + "=true"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("10.1.2.3"), "the internal address is not told to the admin");
        assertEquals(2, guard.check(URI.create("https://public.example/x")).size());
    }

    @Test
    void literalsAndBracketedIpv6AreCheckedAsResolved() {
        OutboundAddressGuard guard = OutboundAddressGuard.refusingPrivate();
        assertThrows(RefusedDestinationException.class, () -> guard.check(URI.create("http://127.0.0.1:8080/")));
        assertThrows(RefusedDestinationException.class, () -> guard.check(URI.create("http://[::1]:8080/")));
        assertThrows(RefusedDestinationException.class, () -> guard.check(URI.create("http://169.254.169.254/latest/meta-data/")));
        assertThrows(RefusedDestinationException.class, () -> guard.check(URI.create("http://[::ffff:10.0.0.1]/")));
        assertThrows(RefusedDestinationException.class, () -> guard.check(URI.create("http://localhost/")));
        assertThrows(RefusedDestinationException.class, () -> guard.check(URI.create("file:///etc/passwd")), "no host");
    }

    @Test
    void aNameThatResolvesInwardLaterIsRefusedThen() throws Exception {
        Map<String, String[]> dns = new java.util.HashMap<>(Map.of("rebind.example", new String[] {"20.190.151.68"}));
        OutboundAddressGuard guard = guard(false, dns);
        guard.check(URI.create("https://rebind.example/"));
        dns.put("rebind.example", new String[] {"127.0.0.1"});
        assertThrows(RefusedDestinationException.class, () -> guard.check(URI.create("https://rebind.example/")));
    }

    @Test
    void theServerOptionAllowsInternalDestinations() throws Exception {
        OutboundAddressGuard guard = new OutboundAddressGuard(true, InetAddress::getAllByName);
        assertTrue(guard.allowsPrivate());
        assertEquals(InetAddress.getByName("127.0.0.1"), guard.check(URI.create("http://127.0.0.1:8099/token")).get(0));
    }

    @Test
    void anUnknownHostFailsAsUnknown() {
        OutboundAddressGuard guard = guard(false, Map.of());
        assertThrows(UnknownHostException.class, () -> guard.check(URI.create("https://nowhere.example/")));
    }

    private static OutboundAddressGuard guard(boolean allow, Map<String, String[]> dns) {
        return new OutboundAddressGuard(allow, host -> {
            String[] answers = dns.get(host);
            if (answers == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] addresses = new InetAddress[answers.length];
            for (int i = 0; i < answers.length; i++) {
                addresses[i] = InetAddress.getByAddress(host, InetAddress.getByName(answers[i]).getAddress());
            }
            return addresses;
        });
    }
}
