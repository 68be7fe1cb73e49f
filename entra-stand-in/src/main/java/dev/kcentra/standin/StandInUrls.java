package dev.kcentra.standin;

/** Where the stand-in listens: the login authority (like https://login.microsoftonline.com) and Graph. */
public record StandInUrls(String login, String graph) {

    public String issuer(String tenantId) {
        return login + "/" + tenantId + "/v2.0";
    }

    public String tokenEndpoint(String tenantSegment) {
        return login + "/" + tenantSegment + "/oauth2/v2.0/token";
    }
}
