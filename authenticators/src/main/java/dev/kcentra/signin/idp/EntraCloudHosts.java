package dev.kcentra.signin.idp;

import dev.kcentra.sync.EntraCloud;

import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's Microsoft URLs must belong to its cloud: a US Government or 21Vianet tenant signs in at its own host
 * and its tokens carry that host in {@code iss} ("Microsoft Entra authentication endpoints" of
 * https://learn.microsoft.com/en-us/entra/identity-platform/authentication-national-cloud).
 */
final class EntraCloudHosts {

    private EntraCloudHosts() {
    }

    /** @throws IllegalArgumentException naming the first setting (by its label) outside the cloud's sign-in host */
    static void check(EntraCloud cloud, Map<String, String> urlsByLabel) {
        String host = cloud.signInAuthority();
        if (host == null) {
            return;
        }
        new TreeMap<>(urlsByLabel).forEach((label, url) -> {
            if (!url.isEmpty() && !url.equals(host) && !url.startsWith(host + "/")) {
                throw new IllegalArgumentException(label + " must be on " + host + " for cloud " + cloud.configValue()
                        + ", was " + url + ".");
            }
        });
    }
}
