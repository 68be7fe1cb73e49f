package dev.kcentra.standin.login;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.kcentra.standin.StandInUrls;
import dev.kcentra.standin.directory.Directory.Account;
import dev.kcentra.standin.seed.EntraApplication;
import dev.kcentra.standin.seed.EntraUser;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/** Builds tokens with the claims Microsoft's v2.0 endpoint puts in them. */
public final class TokenFactory {

    /** Microsoft Graph's application id, the audience of Graph access tokens. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    public static final String GRAPH_RESOURCE = "https://graph.microsoft.com";
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(60);

    private final StandInUrls urls;
    private final SigningKey key;
    private final Clock clock;

    public TokenFactory(StandInUrls urls, SigningKey key, Clock clock) {
        this.urls = urls;
        this.key = key;
        this.clock = clock;
    }

    /**
     * An ID token as https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference lists its
     * claims: {@code oid}, {@code preferred_username} and {@code name} only with the {@code profile} scope; {@code email}
     * with the {@code email} scope or optional claim (guests' by default) and only if the user has one; the optional
     * claims {@code auth_time} and {@code xms_edov} only when the app registration asks for them
     * (https://learn.microsoft.com/en-us/entra/identity-platform/optional-claims-reference). {@code xms_edov} is true
     * when the email's domain is a verified domain of the user's tenant, and comes only with {@code email}.
     */
    public String idToken(AuthorizeRequest request, EntraApplication app, Account account, Instant authTime) {
        EntraUser user = account.user();
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(request.clientId())
                .issuer(urls.issuer(account.tenant().id()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ACCESS_TOKEN_LIFETIME)))
                .subject(pairwiseSubject(account, request.clientId()))
                .claim("tid", account.tenant().id())
                .claim("ver", "2.0")
                .claim("uti", SignInSessions.randomToken().substring(0, 22))
                .claim("nonce", request.nonce());
        if (request.scopes().contains("profile")) {
            claims.claim("oid", user.id()).claim("name", user.displayName()).claim("preferred_username", user.userPrincipalName());
        }
        boolean emailAsked = request.scopes().contains("email") || app.idTokenHas(EntraApplication.EMAIL) || user.isGuest();
        if (emailAsked && user.mail() != null) {
            claims.claim("email", user.mail());
            if (app.idTokenHas(EntraApplication.EMAIL_DOMAIN_OWNER_VERIFIED)) {
                claims.claim("xms_edov", account.tenant().domains().contains(domainOf(user.mail())));
            }
        }
        if (app.idTokenHas(EntraApplication.AUTH_TIME)) {
            claims.claim("auth_time", authTime.getEpochSecond());
        }
        return key.sign(claims.build());
    }

    private static String domainOf(String email) {
        return email.substring(email.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    /** A delegated Graph token for the signed-in user. */
    public String userAccessToken(AuthorizeRequest request, Account account) {
        Instant now = clock.instant();
        return key.sign(new JWTClaimsSet.Builder()
                .audience(GRAPH_APP_ID)
                .issuer(urls.issuer(account.tenant().id()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ACCESS_TOKEN_LIFETIME)))
                .subject(pairwiseSubject(account, GRAPH_APP_ID))
                .claim("oid", account.user().id())
                .claim("tid", account.tenant().id())
                .claim("appid", request.clientId())
                .claim("idtyp", "user")
                .claim("upn", account.user().userPrincipalName())
                .claim("scp", "openid profile email User.Read")
                .build());
    }

    /** An application (client credentials) Graph token carrying the app roles granted in the tenant. */
    public String appAccessToken(String tenantId, EntraApplication app) {
        Instant now = clock.instant();
        String servicePrincipalId = UUID.nameUUIDFromBytes((tenantId + "/" + app.clientId()).getBytes(StandardCharsets.UTF_8)).toString();
        return key.sign(new JWTClaimsSet.Builder()
                .audience(GRAPH_RESOURCE)
                .issuer(urls.issuer(tenantId))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ACCESS_TOKEN_LIFETIME)))
                .subject(servicePrincipalId)
                .claim("oid", servicePrincipalId)
                .claim("tid", tenantId)
                .claim("appid", app.clientId())
                .claim("idtyp", "app")
                .claim("roles", app.appRoles())
                .build());
    }

    /** Microsoft's {@code sub} is pairwise: the same user has a different subject for each application. */
    public static String pairwiseSubject(Account account, String clientId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (account.tenant().id() + "|" + account.user().id() + "|" + clientId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
