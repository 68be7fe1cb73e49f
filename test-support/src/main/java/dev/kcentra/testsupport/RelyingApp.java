package dev.kcentra.testsupport;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A relying application as a real one is written: Nimbus OIDC client, authorization code with PKCE (S256), state and
 * nonce, ID token and access token validated against the provider's published JWKS. It listens on a loopback port
 * like a desktop app (RFC 8252); the browser lands on its callback page.
 */
public final class RelyingApp implements AutoCloseable {

    public static final String CALLBACK_PATH = "/callback";

    /** What the app knows after a sign-in: validated claims, or why it refused. */
    public record SignInResult(JWTClaimsSet idToken, JWTClaimsSet accessToken, String error) {
        public boolean succeeded() {
            return error == null;
        }
    }

    private record Pending(CodeVerifier verifier, Nonce nonce) {
    }

    private final OIDCProviderMetadata provider;
    private final ClientID clientId;
    private final HttpServer server;
    private final URI redirectUri;
    private final IDTokenValidator idTokenValidator;
    private final DefaultJWTProcessor<SecurityContext> accessTokenProcessor;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile SignInResult lastResult;

    private RelyingApp(OIDCProviderMetadata provider, String clientId) throws IOException {
        this.provider = provider;
        this.clientId = new ClientID(clientId);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext(CALLBACK_PATH, this::callback);
        this.server.start();
        this.redirectUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + CALLBACK_PATH);

        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(provider.getJWKSetURI().toURL()).build();
        this.idTokenValidator = new IDTokenValidator(provider.getIssuer(), this.clientId,
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys), null);
        this.accessTokenProcessor = new DefaultJWTProcessor<>();
        this.accessTokenProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        this.accessTokenProcessor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(provider.getIssuer().getValue()).build(),
                new HashSet<>(Set.of("sub", "exp", "iat", "azp"))));
    }

    /** Discovers the provider (e.g. {@code http://localhost:8080/realms/entra-demo}) and starts listening. */
    public static RelyingApp start(String issuer, String clientId) {
        try {
            return new RelyingApp(OIDCProviderMetadata.resolve(new Issuer(issuer)), clientId);
        } catch (Exception e) {
            throw new IllegalStateException("Relying app cannot start against " + issuer + ": " + e.getMessage(), e);
        }
    }

    public URI redirectUri() {
        return redirectUri;
    }

    /** A fresh authorization request (new state, nonce and PKCE verifier); extra parameters such as login_hint. */
    public URI authorizationRequest(Map<String, String> extraParameters) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        pending.put(state.getValue(), new Pending(verifier, nonce));
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(
                new ResponseType(ResponseType.Value.CODE), new Scope("openid", "profile", "email"), clientId, redirectUri)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        extraParameters.forEach((name, value) -> request.customParameter(name, value));
        return request.build().toURI();
    }

    public URI authorizationRequest() {
        return authorizationRequest(Map.of());
    }

    public SignInResult lastResult() {
        return lastResult;
    }

    private void callback(HttpExchange exchange) throws IOException {
        SignInResult result = complete(URI.create(redirectUri + "?" + exchange.getRequestURI().getRawQuery()));
        lastResult = result;
        String body = result.succeeded()
                ? "<html><body><h1 id=\"signed-in\">Signed in as " + result.idToken().getClaim("preferred_username") + "</h1></body></html>"
                : "<html><body><h1 id=\"sign-in-failed\">Sign-in failed</h1><p id=\"error\">" + result.error() + "</p></body></html>";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(result.succeeded() ? 200 : 400, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private SignInResult complete(URI callback) {
        try {
            AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
            Pending request = response.getState() == null ? null : pending.remove(response.getState().getValue());
            if (request == null) {
                return new SignInResult(null, null, "unknown or replayed state");
            }
            if (!response.indicatesSuccess()) {
                return new SignInResult(null, null, response.toErrorResponse().getErrorObject().getCode());
            }
            AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
            TokenRequest tokenRequest = new TokenRequest(provider.getTokenEndpointURI(), clientId,
                    new AuthorizationCodeGrant(code, redirectUri, request.verifier()));
            TokenResponse tokenResponse = OIDCTokenResponseParser.parse(tokenRequest.toHTTPRequest().send());
            if (!tokenResponse.indicatesSuccess()) {
                return new SignInResult(null, null, tokenResponse.toErrorResponse().getErrorObject().getCode());
            }
            OIDCTokenResponse tokens = (OIDCTokenResponse) tokenResponse.toSuccessResponse();
            JWTClaimsSet idToken = idTokenValidator.validate(tokens.getOIDCTokens().getIDToken(), request.nonce()).toJWTClaimsSet();
            JWTClaimsSet accessToken = accessTokenProcessor.process(tokens.getOIDCTokens().getAccessToken().getValue(), null);
            if (!clientId.getValue().equals(accessToken.getStringClaim("azp"))) {
                return new SignInResult(null, null, "access token issued to another client: " + accessToken.getStringClaim("azp"));
            }
            return new SignInResult(idToken, accessToken, null);
        } catch (Exception e) {
            return new SignInResult(null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
