package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.http.Responses;

/** {@code GET /{tenant}/discovery/v2.0/keys}: the JWKS that verifies every token the stand-in issues. */
public final class KeysEndpoint extends LoginEndpoint {

    public KeysEndpoint(LoginContext context) {
        super(context, RequestMethod.GET, "/[^/]+/discovery/v2\\.0/keys");
    }


    @Override
    protected ResponseDefinition handle(Request request) {
        if (authority(request).isEmpty()) {
            return unknownTenant(request).toJson();
        }
        return Responses.json(200, context.key().jwks());
    }
}
