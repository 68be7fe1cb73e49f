package dev.kcentra.sync.graph;

import dev.kcentra.common.net.OutboundAddressGuard;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.delta.DeltaGetResponse;
import dev.kcentra.standin.EntraStandIn;
import dev.kcentra.standin.seed.EntraApplication;
import dev.kcentra.standin.seed.EntraTenant;
import dev.kcentra.standin.seed.EntraUser;
import dev.kcentra.standin.seed.GraphSettings;
import dev.kcentra.standin.seed.Seed;
import dev.kcentra.sync.ClientAuthentication;
import dev.kcentra.sync.EntraCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Microsoft's own client as the stand-in's peer: the Graph SDK's {@link PageIterator} walks the stand-in's users
 * delta unchanged to its delta link, and the stand-in's pages have the shape of the pages Microsoft documents.
 */
class StandInAsGraphPeerTest {

    /** The stand-in and the fake Graph listen on loopback, as the tests' server option allows. */
    private static final OutboundAddressGuard LOCAL = new OutboundAddressGuard(true, java.net.InetAddress::getAllByName);

    static final String TENANT = "5ca1ab1e-0000-4000-8000-00000000ee01";
    static final String APP = "5ca1ab1e-0000-4000-8000-00000000ee02";

    private EntraStandIn standIn;
    private GraphServiceClient graph;
    private ClientCredentialsTokenProvider tokens;

    @BeforeEach
    void start() {
        List<EntraUser> users = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            users.add(new EntraUser(String.format("5ca1ab1e-0000-4000-8000-%012d", i + 1), "user" + i + "@peer.example",
                    i == 3 ? null : "user" + i + "@peer.example", null, "User " + i, "User", "Number" + i, true, "Member", null, null));
        }
        EntraApplication app = new EntraApplication("peer", APP, "peer-secret", List.of(), List.of(), List.of("User.Read.All"));
        Seed seed = new Seed(List.of(new EntraTenant(TENANT, "Peer", List.of("peer.example"), List.of(app), users, List.of())),
                new GraphSettings(3, false, false), List.of());
        standIn = EntraStandIn.start(seed, 0, 0);
        tokens = new ClientCredentialsTokenProvider(standIn.loginBaseUrl() + "/" + TENANT + "/oauth2/v2.0/token", APP,
                ClientAuthentication.SECRET, "peer-secret", null, EntraCloud.CUSTOM.graphScope(), "127.0.0.1", Clock.systemUTC(), LOCAL);
        graph = EntraGraph.client(standIn.graphBaseUrl(), tokens, new GraphTraffic(), LOCAL);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void theGraphSdksPageIteratorWalksTheUsersDeltaToItsDeltaLink() throws Exception {
        List<String> ids = new ArrayList<>();
        PageIterator<User, DeltaGetResponse> pages = new PageIterator.Builder<User, DeltaGetResponse>()
                .client(graph)
                .collectionPage(graph.users().delta().get(request -> request.queryParameters.select = new String[] {"id", "mail"}))
                .collectionPageFactory(DeltaGetResponse::createFromDiscriminatorValue)
                .processPageItemCallback(user -> ids.add(user.getId()))
                .build();
        pages.iterate();
        assertEquals(7, ids.size(), ids.toString());
        assertEquals(7, new HashSet<>(ids).size());
        assertNotNull(pages.getDeltaLink(), "the round ends with an @odata.deltaLink the iterator recognises");
        assertTrue(pages.getDeltaLink().startsWith(standIn.graphBaseUrl() + "/v1.0/users/delta?$deltatoken="), pages.getDeltaLink());
    }

    @Test
    void theStandInsPagesHaveTheShapeOfMicrosoftsDocumentedPages() throws Exception {
        JsonObject documentedFirst = json(MicrosoftPayload.load("users-delta-initial-page.json").body());
        JsonObject documentedLast = json(MicrosoftPayload.load("users-delta-last-page.json").body());
        String token = tokens.getAuthorizationToken(URI.create(standIn.graphBaseUrl()), java.util.Map.of());
        JsonObject first = get(standIn.graphBaseUrl() + "/v1.0/users/delta?$select=displayName,givenName,surname", token);
        assertEquals(documentedFirst.keySet(), first.keySet(), "@odata.context, @odata.nextLink and value");
        JsonObject page = first;
        while (page.has("@odata.nextLink")) {
            page = get(page.get("@odata.nextLink").getAsString(), token);
        }
        assertEquals(documentedLast.keySet(), page.keySet(), "@odata.context, @odata.deltaLink and value");
        Set<String> documentedUserKeys = documentedFirst.getAsJsonArray("value").get(0).getAsJsonObject().keySet();
        assertEquals(documentedUserKeys, first.getAsJsonArray("value").get(0).getAsJsonObject().keySet());
    }

    private static JsonObject get(String url, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json(response.body());
    }

    private static JsonObject json(String body) {
        return JsonParser.parseString(body).getAsJsonObject();
    }
}
