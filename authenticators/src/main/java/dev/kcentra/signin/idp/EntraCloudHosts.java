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

    /**
     * The cloud whose host binds the provider's URLs: the provider's own Cloud setting, which must agree with the
     * realm's Entra ID connection that sends users to this provider; unset, the connection's cloud when that is a
     * national one (its users can sign in nowhere else), else none.
     *
     * @param own        the provider's setting, null when unset
     * @param connection the Cloud of the Entra ID connection naming this provider, null when there is none
     */
    static EntraCloud bindingCloud(EntraCloud own, EntraCloud connection) {
        boolean national = connection != null && connection != EntraCloud.GLOBAL && connection != EntraCloud.CUSTOM;
        if (own == null) {
            return national ? connection : EntraCloud.CUSTOM;
        }
        if (connection != null && own != EntraCloud.CUSTOM && connection != EntraCloud.CUSTOM
                && !own.signInAuthority().equals(connection.signInAuthority())) {
            throw new IllegalArgumentException("Cloud " + own.configValue() + " differs from the Entra ID connection's "
                    + connection.configValue() + ": users synced from one cloud sign in there.");
        }
        return own;
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
