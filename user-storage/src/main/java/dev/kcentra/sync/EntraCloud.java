package dev.kcentra.sync;

import java.util.Locale;

/**
 * Microsoft's clouds, each with its own login authority and Graph endpoint. {@link #CUSTOM} takes both URLs from the
 * configuration (a proxy, or a local stand-in) and asks for Graph's global scope.
 */
public enum EntraCloud {
    GLOBAL("https://login.microsoftonline.com", "https://graph.microsoft.com"),
    US_GOVERNMENT("https://login.microsoftonline.us", "https://graph.microsoft.us"),
    US_GOVERNMENT_DOD("https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
    CHINA("https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"),
    CUSTOM(null, null);

    private static final String GLOBAL_GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    private final String authority;
    private final String graph;

    EntraCloud(String authority, String graph) {
        this.authority = authority;
        this.graph = graph;
    }

    public String authority() {
        return authority;
    }

    public String graph() {
        return graph;
    }

    /**
     * Where users sign in and what their tokens' issuers start with. The 21Vianet cloud's sign-in host is
     * login.partner.microsoftonline.cn ("Microsoft Entra authentication endpoints" of
     * https://learn.microsoft.com/en-us/entra/identity-platform/authentication-national-cloud); the sync keeps the
     * authority it always used there. Null for {@link #CUSTOM}.
     */
    public String signInAuthority() {
        return this == CHINA ? "https://login.partner.microsoftonline.cn" : authority;
    }

    /** The client-credentials scope for Graph in this cloud. */
    public String graphScope() {
        return this == CUSTOM ? GLOBAL_GRAPH_SCOPE : graph + "/.default";
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static EntraCloud fromConfig(String value) {
        for (EntraCloud cloud : values()) {
            if (cloud.configValue().equals(value)) {
                return cloud;
            }
        }
        throw new IllegalArgumentException("unknown cloud '" + value + "'");
    }
}
