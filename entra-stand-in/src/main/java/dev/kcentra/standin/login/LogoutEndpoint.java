package dev.kcentra.standin.login;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.TenantDirectory;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /{tenant}/oauth2/v2.0/logout}: the stand-in keeps no browser session, so this only sends the browser on
 * to {@code post_logout_redirect_uri} when an application registered it, else shows the signed-out page.
 */
public final class LogoutEndpoint extends LoginEndpoint {

    public LogoutEndpoint(LoginContext context) {
        super(context, RequestMethod.GET, "/[^/]+/oauth2/v2\\.0/logout");
    }


    @Override
    protected ResponseDefinition handle(Request request) {
        if (authority(request).isEmpty()) {
            return unknownTenant(request).toPage();
        }
        Params params = Params.query(request);
        String target = params.getOrNull("post_logout_redirect_uri");
        boolean registered = target != null && context.directory().tenants().stream()
                .anyMatch(t -> t.registersRedirectUri(target));
        if (!registered) {
            return Responses.html(200, SignInPage.signedOut());
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", params.getOrNull("state"));
        return Responses.redirect(Responses.withQuery(target, query));
    }
}
