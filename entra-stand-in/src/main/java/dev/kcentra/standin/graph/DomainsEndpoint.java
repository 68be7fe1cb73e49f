package dev.kcentra.standin.graph;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.kcentra.standin.http.Responses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1.0/domains}: the tenant's domains, all verified, the first the default
 * (https://learn.microsoft.com/en-us/graph/api/domain-list?view=graph-rest-1.0; permission Domain.Read.All or
 * Directory.Read.All). The stand-in models no unverified domains, so {@code isVerified} is always true.
 */
public final class DomainsEndpoint extends GraphEndpoint {

    static final Set<String> DOMAIN_READ = Set.of("Domain.Read.All", "Domain.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All");

    public DomainsEndpoint(GraphContext context) {
        super(context, RequestMethod.GET, "/v1\\.0/domains", DOMAIN_READ);
    }

    @Override
    protected ResponseDefinition handle(Request request, GraphCaller caller) {
        List<Map<String, Object>> domains = new ArrayList<>();
        List<String> names = caller.tenant().domains();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> domain = new LinkedHashMap<>();
            domain.put("authenticationType", "Managed");
            domain.put("id", names.get(i));
            domain.put("isDefault", i == 0);
            domain.put("isInitial", false);
            domain.put("isVerified", true);
            domain.put("supportedServices", List.of("Email"));
            domains.add(domain);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context.graphBase() + "/v1.0/$metadata#domains");
        body.put("value", domains);
        return Responses.json(200, body);
    }
}
