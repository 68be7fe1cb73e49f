package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;
import dev.kcentra.standin.seed.EntraApplication;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /{tenant}/oauth2/v2.0/authorize}: checks the request as Microsoft does (errors about the client or its
 * redirect URI on a page, others back to the client) and shows the sign-in page, pre-filled from {@code login_hint}.
 */
public final class AuthorizeEndpoint extends LoginEndpoint {

    private static final Set<String> RESPONSE_MODES = Set.of("query", "form_post");

    private final AtomicReference<Map<String, String>> lastRequest = new AtomicReference<>(Map.of());

    public AuthorizeEndpoint(LoginContext context) {
        super(context, RequestMethod.GET, "/[^/]+/oauth2/v2\\.0/authorize");
    }


    /** The query parameters of the latest authorization request, for tests that check what a client sent. */
    public Map<String, String> lastRequest() {
        return lastRequest.get();
    }

    @Override
    protected ResponseDefinition handle(Request request) {
        Params params = Params.query(request);
        lastRequest.set(Map.copyOf(params.firstValues()));
        Optional<String> repeated = params.repeated();
        if (repeated.isPresent()) {
            return AadError.invalidRequest(90015, "Requested query string is too long or repeats the parameter '"
                    + repeated.get() + "'.").toPage();
        }
        Optional<Authority> authority = authority(request);
        if (authority.isEmpty()) {
            return unknownTenant(request).toPage();
        }
        String clientId = params.getOrNull("client_id");
        if (clientId == null) {
            return AadError.invalidRequest(900144, "The request body must contain the following parameter: 'client_id'.").toPage();
        }
        Optional<EntraApplication> app = context.directory().application(clientId);
        if (app.isEmpty()) {
            return ClientAuthenticator.unknownApplication(clientId).toPage();
        }
        String redirectUri = params.getOrNull("redirect_uri");
        if (redirectUri == null || !app.get().redirectUris().contains(redirectUri)) {
            return AadError.invalidRequest(50011, "The redirect URI '" + redirectUri + "' specified in the request does not "
                    + "match the redirect URIs configured for the application '" + app.get().clientId() + "'.").toPage();
        }

        String responseMode = params.get("response_mode").orElse("query");
        String state = params.getOrNull("state");
        if (!RESPONSE_MODES.contains(responseMode)) {
            return AuthorizationResponse.error(redirectUri, "query", state,
                    AadError.invalidRequest(900144, "The response_mode '" + responseMode + "' is not supported by the stand-in."));
        }
        if (!"code".equals(params.getOrNull("response_type"))) {
            return AuthorizationResponse.error(redirectUri, responseMode, state, new AadError(400, "unsupported_response_type",
                    700054, "response_type '" + params.getOrNull("response_type") + "' is not enabled for the application."));
        }
        if (params.get("scope").isEmpty()) {
            return AuthorizationResponse.error(redirectUri, responseMode, state,
                    AadError.invalidRequest(900144, "The request body must contain the following parameter: 'scope'."));
        }
        String challenge = params.getOrNull("code_challenge");
        String method = params.get("code_challenge_method").orElse(challenge == null ? null : "plain");
        if (challenge == null ? method != null : !("S256".equals(method) || "plain".equals(method))) {
            return AuthorizationResponse.error(redirectUri, responseMode, state,
                    AadError.invalidRequest(501491, "Invalid size of Code_Challenge parameter or unsupported code_challenge_method."));
        }
        if (challenge != null && (challenge.length() < 43 || challenge.length() > 128)) {
            return AuthorizationResponse.error(redirectUri, responseMode, state,
                    AadError.invalidRequest(501491, "Invalid size of Code_Challenge parameter."));
        }
        if ("none".equals(params.getOrNull("prompt"))) {
            return AuthorizationResponse.error(redirectUri, responseMode, state, new AadError(400, "login_required", 50058,
                    "A silent sign-in request was sent but no user is signed in."));
        }

        AuthorizeRequest accepted = new AuthorizeRequest(authority.get(), app.get().clientId(), redirectUri,
                params.getOrNull("scope"), state, params.getOrNull("nonce"), responseMode, challenge, method,
                params.getOrNull("login_hint"));
        String page = context.sessions().openPage(accepted);
        return Responses.html(200, SignInPage.signIn(SignInEndpoint.action(authority.get()), page,
                authority.get().kind() == Authority.Kind.TENANT ? authority.get().tenant().displayName() : null,
                accepted.loginHint(), null));
    }
}
