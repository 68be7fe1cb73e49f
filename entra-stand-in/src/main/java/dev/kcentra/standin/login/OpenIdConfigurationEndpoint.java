package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.http.Responses;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code GET /{tenant}/v2.0/.well-known/openid-configuration}, the v2.0 discovery document. */
public final class OpenIdConfigurationEndpoint extends LoginEndpoint {

    public OpenIdConfigurationEndpoint(LoginContext context) {
        super(context, RequestMethod.GET, "/[^/]+/v2\\.0/\\.well-known/openid-configuration");
    }


    @Override
    protected ResponseDefinition handle(Request request) {
        Optional<Authority> authority = authority(request);
        if (authority.isEmpty()) {
            return unknownTenant(request).toJson();
        }
        return Responses.json(200, document(authority.get()));
    }

    /**
     * The fields and order of Microsoft's v2.0 document (the sample response of
     * https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc, "Fetch the OpenID configuration
     * document", and the document login.microsoftonline.com serves). Not offered: the device code and Kerberos
     * endpoints, and the response modes and types beyond {@code code} with {@code query}/{@code form_post}.
     */
    Map<String, Object> document(Authority authority) {
        String base = context.urls().login() + "/" + authority.endpointSegment();
        String issuerBase = context.urls().issuerBase();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("token_endpoint", base + "/oauth2/v2.0/token");
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        document.put("jwks_uri", base + "/discovery/v2.0/keys");
        document.put("response_modes_supported", List.of("query", "form_post"));
        document.put("subject_types_supported", List.of("pairwise"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("response_types_supported", List.of("code"));
        document.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        document.put("issuer", authority.issuerTemplate(issuerBase));
        document.put("request_uri_parameter_supported", false);
        document.put("userinfo_endpoint", context.urls().graph() + "/oidc/userinfo");
        document.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        document.put("http_logout_supported", true);
        document.put("frontchannel_logout_supported", true);
        document.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        document.put("claims_supported", List.of("sub", "iss", "cloud_instance_name", "cloud_instance_host_name",
                "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce",
                "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"));
        document.put("code_challenge_methods_supported", List.of("plain", "S256"));
        // Microsoft names a tenant's region; the shared authorities have none (null).
        document.put("tenant_region_scope", authority.kind() == Authority.Kind.TENANT ? "EU" : null);
        document.put("cloud_instance_name", issuerBase.replaceFirst("^https?://(login\\.)?", ""));
        document.put("msgraph_host", context.urls().graph().replaceFirst("^https?://", ""));
        return document;
    }
}
