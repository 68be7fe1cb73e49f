package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.directory.Directory;
import dev.kcentra.standin.http.Responses;
import dev.kcentra.standin.login.TokenFactory;
import dev.kcentra.standin.seed.EntraUser;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code GET /oidc/userinfo}, Microsoft's OIDC userinfo endpoint, which lives on Graph; delegated tokens only. */
public final class UserInfoEndpoint extends GraphEndpoint {

    public UserInfoEndpoint(GraphContext context) {
        super(context, RequestMethod.GET, "/oidc/userinfo", Set.of());
    }


    @Override
    protected ResponseDefinition handle(Request request, GraphCaller caller) {
        Optional<EntraUser> user = caller.userId() == null ? Optional.empty() : caller.tenant().user(caller.userId());
        if (user.isEmpty()) {
            return new GraphError(401, "InvalidAuthenticationToken", "The userinfo endpoint needs a user's access token.").toResponse();
        }
        Map<String, Object> info = new LinkedHashMap<>();
        // The same pairwise subject as the ID token the client got, as Microsoft's userinfo endpoint returns.
        info.put("sub", TokenFactory.pairwiseSubject(new Directory.Account(caller.tenant(), user.get()), caller.clientId()));
        info.put("name", user.get().displayName());
        info.put("family_name", user.get().surname());
        info.put("given_name", user.get().givenName());
        info.put("email", user.get().mail());
        return Responses.json(200, info);
    }
}
