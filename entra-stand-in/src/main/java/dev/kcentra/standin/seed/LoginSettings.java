package dev.kcentra.standin.seed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's {@code login} settings. {@code cloud} makes issuers those of a Microsoft cloud ("Microsoft Entra
 * authentication endpoints" of https://learn.microsoft.com/en-us/entra/identity-platform/authentication-national-cloud)
 * while the endpoints stay on the stand-in; without it issuers start with the stand-in's own login URL, like any
 * authority at its own host.
 */
public record LoginSettings(String cloud) {

    public static final LoginSettings DEFAULT = new LoginSettings(null);

    private static final Map<String, String> ISSUER_HOSTS = new LinkedHashMap<>();

    static {
        ISSUER_HOSTS.put("global", "https://login.microsoftonline.com");
        ISSUER_HOSTS.put("us-government", "https://login.microsoftonline.us");
        ISSUER_HOSTS.put("china", "https://login.partner.microsoftonline.cn");
    }

    public static final List<String> CLOUDS = List.copyOf(ISSUER_HOSTS.keySet());

    public static Optional<String> issuerHost(String cloud) {
        return Optional.ofNullable(cloud == null ? null : ISSUER_HOSTS.get(cloud));
    }

    /** The issuers' base URL: the cloud's sign-in host, or {@code standInLogin} without a cloud. */
    public String issuerBase(String standInLogin) {
        return issuerHost(cloud).orElse(standInLogin);
    }
}
