package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.Directory.Account;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;
import dev.kcentra.standin.seed.EntraApplication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: authorization code (with PKCE), refresh token and client credentials,
 * each after authenticating the client by secret or certificate assertion.
 */
public final class TokenEndpoint extends LoginEndpoint {

    public TokenEndpoint(LoginContext context) {
        super(context, RequestMethod.POST, "/[^/]+/oauth2/v2\\.0/token");
    }


    @Override
    protected ResponseDefinition handle(Request request) {
        Params form = Params.form(request);
        Optional<String> repeated = form.repeated();
        if (repeated.isPresent()) {
            return AadError.invalidRequest(90015, "The parameter '" + repeated.get() + "' is repeated.").toJson();
        }
        Optional<Authority> authority = authority(request);
        if (authority.isEmpty()) {
            return unknownTenant(request).toJson();
        }
        String grantType = form.getOrNull("grant_type");
        if (grantType == null) {
            return AadError.invalidRequest(900144, "The request body must contain the following parameter: 'grant_type'.").toJson();
        }
        ClientAuthenticator.Result client = context.clients().authenticate(request, form, audiences(authority.get()));
        if (!client.succeeded()) {
            return client.error().toJson();
        }
        return switch (grantType) {
            case "authorization_code" -> authorizationCode(form, authority.get(), client.application());
            case "refresh_token" -> refreshToken(form, client.application());
            case "client_credentials" -> clientCredentials(form, authority.get(), client.application());
            default -> new AadError(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grantType + "'.").toJson();
        };
    }

    /** Microsoft accepts the token endpoint URL as an assertion audience; the tenant id form is accepted too. */
    private List<String> audiences(Authority authority) {
        List<String> audiences = new java.util.ArrayList<>(List.of(
                context.urls().tokenEndpoint(authority.segment()), context.urls().tokenEndpoint(authority.endpointSegment())));
        if (authority.kind() == Authority.Kind.TENANT) {
            audiences.add(context.urls().issuer(authority.tenant().id()));
        }
        return audiences;
    }

    private ResponseDefinition authorizationCode(Params form, Authority authority, EntraApplication app) {
        SignInSessions.Redemption redemption = context.sessions().redeemCode(form.getOrNull("code"));
        if (redemption.grant() == null) {
            return AadError.invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry with a new "
                    + "valid code or use an existing refresh token.").toJson();
        }
        if (redemption.expired()) {
            return AadError.invalidGrant(70008, "The provided authorization code or refresh token has expired due to "
                    + "inactivity. Send a new interactive authorization request for this user and resource.").toJson();
        }
        SignInSessions.Grant grant = redemption.grant();
        AuthorizeRequest authorize = grant.request();
        if (!authorize.clientId().equals(app.clientId())) {
            return AadError.invalidGrant(70000, "The provided authorization code was issued to another client.").toJson();
        }
        if (!authorize.redirectUri().equals(form.getOrNull("redirect_uri"))) {
            return AadError.invalidGrant(50148, "The redirect_uri does not match the one used in the authorization request.").toJson();
        }
        if (!authority.admits(grant.account().tenant())) {
            return AadError.invalidGrant(50020, "User account from identity provider does not exist in tenant '"
                    + authority.segment() + "'.").toJson();
        }
        Optional<AadError> pkce = checkPkce(authorize, form.getOrNull("code_verifier"));
        if (pkce.isPresent()) {
            return pkce.get().toJson();
        }
        return userTokens(grant, app);
    }

    private ResponseDefinition refreshToken(Params form, EntraApplication app) {
        Optional<SignInSessions.Grant> grant = context.sessions().redeemRefreshToken(form.getOrNull("refresh_token"));
        if (grant.isEmpty() || !grant.get().request().clientId().equals(app.clientId())) {
            return AadError.invalidGrant(9002313, "Invalid request. Request is malformed or invalid: the refresh token "
                    + "is unknown, was already used or belongs to another client.").toJson();
        }
        Account account = grant.get().account();
        boolean stillEnabled = account.tenant().user(account.user().id()).map(u -> u.accountEnabled()).orElse(false);
        if (!stillEnabled) {
            return AadError.invalidGrant(50057, "The user account is disabled or was deleted.").toJson();
        }
        Account current = new Account(account.tenant(), account.tenant().user(account.user().id()).orElseThrow());
        return userTokens(new SignInSessions.Grant(grant.get().request(), current, grant.get().authTime()), app);
    }

    private ResponseDefinition clientCredentials(Params form, Authority authority, EntraApplication app) {
        if (authority.kind() != Authority.Kind.TENANT) {
            return AadError.invalidRequest(7000216, "The client credentials flow needs a tenant id or domain, not '"
                    + authority.segment() + "'.").toJson();
        }
        String scope = form.getOrNull("scope");
        Optional<String> resourceScope = ClientCredentialsScope.resourceScope(scope);
        if (resourceScope.isEmpty()) {
            return new AadError(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid. "
                    + "Client credential flows must have a scope value with /.default suffixed to the resource identifier "
                    + "(application ID URI).").toJson();
        }
        String resource = resourceScope.get().substring(0, resourceScope.get().length() - "/.default".length());
        if (!TokenFactory.GRAPH_RESOURCE.equals(resource) && !TokenFactory.GRAPH_APP_ID.equals(resource)) {
            return new AadError(400, "invalid_resource", 500011, "The resource principal named " + resource
                    + " was not found in the tenant named " + authority.tenant().displayName() + ".").toJson();
        }
        if (context.directory().tenantOfApplication(app.clientId()).filter(t -> t.id().equals(authority.tenant().id())).isEmpty()) {
            return ClientAuthenticator.unknownApplication(app.clientId()).toJson();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", TokenFactory.ACCESS_TOKEN_LIFETIME.toSeconds() - 1);
        body.put("ext_expires_in", TokenFactory.ACCESS_TOKEN_LIFETIME.toSeconds() - 1);
        body.put("access_token", context.tokens().appAccessToken(authority.tenant().id(), app));
        return Responses.json(200, body);
    }

    private ResponseDefinition userTokens(SignInSessions.Grant grant, EntraApplication app) {
        AuthorizeRequest authorize = grant.request();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", authorize.scope());
        body.put("expires_in", TokenFactory.ACCESS_TOKEN_LIFETIME.toSeconds() - 1);
        body.put("ext_expires_in", TokenFactory.ACCESS_TOKEN_LIFETIME.toSeconds() - 1);
        body.put("access_token", context.tokens().userAccessToken(authorize, grant.account()));
        if (authorize.scopes().contains("offline_access")) {
            body.put("refresh_token", context.sessions().issueRefreshToken(grant));
        }
        if (authorize.scopes().contains("openid")) {
            body.put("id_token", context.tokens().idToken(authorize, app, grant.account(), grant.authTime()));
        }
        return Responses.json(200, body);
    }

    private static Optional<AadError> checkPkce(AuthorizeRequest authorize, String verifier) {
        if (authorize.codeChallenge() == null) {
            return Optional.empty();
        }
        if (verifier == null) {
            return Optional.of(AadError.invalidGrant(50148, "The code_verifier is missing; the authorization request "
                    + "carried a code_challenge."));
        }
        String computed = "S256".equals(authorize.codeChallengeMethod()) ? s256(verifier) : verifier;
        if (!MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), authorize.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(AadError.invalidGrant(501481, "The Code_Verifier does not match the code_challenge "
                    + "supplied in the authorization request."));
        }
        return Optional.empty();
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
