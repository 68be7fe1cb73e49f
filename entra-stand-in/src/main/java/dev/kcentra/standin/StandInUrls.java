package dev.kcentra.standin;

/**
 * Where the stand-in listens: the login authority (like https://login.microsoftonline.com) and Graph; and what its
 * issuers start with ({@code issuerBase}: the login URL itself, or a Microsoft cloud's sign-in host when the seed
 * names a cloud).
 */
public record StandInUrls(String login, String graph, String issuerBase) {

    public StandInUrls(String login, String graph) {
        this(login, graph, login);
    }

    public String issuer(String tenantId) {
        return issuerBase + "/" + tenantId + "/v2.0";
    }

    public String tokenEndpoint(String tenantSegment) {
        return login + "/" + tenantSegment + "/oauth2/v2.0/token";
    }
}
