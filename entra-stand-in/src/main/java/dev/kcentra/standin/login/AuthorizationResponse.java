package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.http.Responses;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sends an authorization response (code or error) to a verified redirect URI, by query or by form post. */
final class AuthorizationResponse {

    private AuthorizationResponse() {
    }

    static ResponseDefinition send(String redirectUri, String responseMode, Map<String, String> fields) {
        if ("form_post".equals(responseMode)) {
            return Responses.html(200, SignInPage.formPost(redirectUri, fields));
        }
        return Responses.redirect(Responses.withQuery(redirectUri, fields));
    }

    static ResponseDefinition error(String redirectUri, String responseMode, String state, AadError error) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("error", error.error());
        fields.put("error_description", error.message());
        fields.put("state", state);
        return send(redirectUri, responseMode, fields);
    }
}
