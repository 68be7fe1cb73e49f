package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.http.Params;
import dev.kcentra.standin.http.Responses;
import dev.kcentra.standin.seed.EntraUser;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** {@code GET /v1.0/users/{id | userPrincipalName}}. */
public final class UserEndpoint extends GraphEndpoint {

    public UserEndpoint(GraphContext context) {
        super(context, RequestMethod.GET, "/v1\\.0/users/(?!delta\\b|microsoft\\.graph\\.delta)[^/]+", USER_READ);
    }


    @Override
    protected ResponseDefinition handle(Request request, GraphCaller caller) {
        String key = URLDecoder.decode(path(request).substring("/v1.0/users/".length()), StandardCharsets.UTF_8);
        Optional<EntraUser> user = caller.tenant().user(key).or(() -> caller.tenant().userByPrincipalName(key));
        if (user.isEmpty()) {
            return GraphError.notFound(key).toResponse();
        }
        Selection selection;
        try {
            selection = UsersDeltaEndpoint.USERS.select(Params.query(request).getOrNull("$select"));
        } catch (IllegalArgumentException e) {
            return GraphError.badRequest(e.getMessage()).toResponse();
        }
        return Responses.json(200, selection.apply(user.get().graphProperties()));
    }
}
