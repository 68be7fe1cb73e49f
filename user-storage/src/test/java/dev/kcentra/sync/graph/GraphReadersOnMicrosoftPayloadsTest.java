package dev.kcentra.sync.graph;

import dev.kcentra.common.net.OutboundAddressGuard;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sync's Graph readers, through the Graph SDK client the sync builds, on the answers Microsoft's documentation
 * pages print (see {@link MicrosoftPayload}): not on what our own stand-in happens to send.
 */
class GraphReadersOnMicrosoftPayloadsTest {

    /** The stand-in and the fake Graph listen on loopback, as the tests' server option allows. */
    private static final OutboundAddressGuard LOCAL = new OutboundAddressGuard(true, java.net.InetAddress::getAllByName);

    private WireMockServer graphServer;
    private GraphTraffic traffic;
    private GraphServiceClient graph;

    @BeforeEach
    void start() {
        graphServer = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        graphServer.start();
        traffic = new GraphTraffic(millis -> { });
        graph = EntraGraph.client("http://127.0.0.1:" + graphServer.port(), new FixedToken(), traffic, LOCAL);
    }

    @AfterEach
    void stop() {
        graphServer.stop();
    }

    private String base() {
        return "http://127.0.0.1:" + graphServer.port();
    }

    private void serve(String fixture, String skipToken) {
        MicrosoftPayload.load(fixture).serve(graphServer, get(urlPathMatching("/v1.0/users/delta(\\(\\))?"))
                .withQueryParam("$skiptoken", skipToken == null ? absent() : equalTo(skipToken)));
    }

    @Test
    void aFullUsersRoundFollowsEveryPageToTheDeltaLink() {
        serve("users-delta-initial-page.json", null);
        serve("users-delta-next-page.json", "oEBwdSP6uehIAxQOWq_3Ksh_TLol6KIm3stvdc6hGhZRi1hQ7Spe__dpvm3U4zReE4CYXC2zOtaKdi7KHlUtC2CbRiBIUwOxPKLa");
        serve("users-delta-last-page.json", "pqwSUjGYvb3jQpbwVAwEL7yuI3dU1LecfkkfLPtnIjtQ5LOhVoS7qQG_wdVCHHlbQpga7");
        List<DirectoryUser> users = new ArrayList<>();
        String deltaLink = new UserDeltaReader(graph).read(null, users::addAll);

        assertTrue(deltaLink.startsWith(base() + "/v1.0/users/delta?$deltatoken=oEcOySpF_"), deltaLink);
        assertEquals(8, users.size());
        DirectoryUser removed = users.get(2);
        assertEquals("86462606-fde0-4fc4-9e0c-a20eb73e54c6", removed.id());
        assertEquals(DirectoryUser.REMOVED_DELETED, removed.removedReason());
        DirectoryUser room = users.get(3);
        assertEquals("Conf Room Adams", room.displayName());
        assertNull(room.givenName(), "never set, so left out by Graph: read as no value");
        assertEquals(3, traffic.requests(), "the first request and the two next links");
    }

    @Test
    void aPropertyClearedInEntraReadsAsNull() {
        MicrosoftPayload.load("users-delta-default-vs-minimal-default.json").serve(graphServer, get(urlPathMatching("/v1.0/users/delta(\\(\\))?"))
                .withQueryParam("$deltatoken", equalTo("composed-deltatoken")));
        List<DirectoryUser> users = new ArrayList<>();
        new UserDeltaReader(graph).read(base() + "/v1.0/users/delta?$deltatoken=composed-deltatoken", users::addAll);
        assertEquals("+1 425 555 0109", users.get(0).mobilePhone());
        assertFalse(users.get(0).isRemoved());
    }

    @Test
    void aLargeGroupsCopiesArriveOnePerPageForTheRoundToMerge() {
        MicrosoftPayload.load("groups-delta-large-group-page1.json").serve(graphServer, get(urlPathMatching("/v1.0/groups/delta(\\(\\))?"))
                .withQueryParam("$skiptoken", absent()));
        MicrosoftPayload.load("groups-delta-large-group-page2.json").serve(graphServer, get(urlPathMatching("/v1.0/groups/delta(\\(\\))?"))
                .withQueryParam("$skiptoken", equalTo("largegroup-page2")));
        MicrosoftPayload.load("groups-delta-last-page.json").serve(graphServer, get(urlPathMatching("/v1.0/groups/delta(\\(\\))?"))
                .withQueryParam("$skiptoken", equalTo("largegroup-page3")));
        List<List<DirectoryGroup>> pages = new ArrayList<>();
        new GroupDeltaReader(graph).read(null, pages::add);

        assertEquals(3, pages.size());
        DirectoryGroup first = pages.get(0).get(0);
        DirectoryGroup second = pages.get(1).get(0);
        assertEquals(first.id(), second.id(), "the same group object twice in one round");
        assertEquals(List.of(new DirectoryGroup.MemberChange("632f6bb2-3ec8-4c1f-9073-0027a8c6859", true),
                new DirectoryGroup.MemberChange("37de1ae3-408f-4702-8636-20824abda004", false)), first.members());
        assertEquals(List.of(new DirectoryGroup.MemberChange("c08a463b-7b8a-40a4-aa31-f9bf690b9551", true),
                new DirectoryGroup.MemberChange("23423fa6-821e-44b2-aae4-d039d33884c2", false)), second.members());
        DirectoryGroup allEmployees = pages.get(2).get(0);
        assertNull(allEmployees.description(), "never set");
    }

    @Test
    void aGroupDescriptionSetToNullReadsAsNull() {
        MicrosoftPayload.load("groups-delta-changes-description-null.json").serve(graphServer, get(urlPathMatching("/v1.0/groups/delta(\\(\\))?")));
        List<DirectoryGroup> groups = new ArrayList<>();
        new GroupDeltaReader(graph).read(base() + "/v1.0/groups/delta?$deltatoken=x", groups::addAll);
        assertEquals("All Company", groups.get(1).displayName());
        assertNull(groups.get(1).description());
    }

    @Test
    void everyDocumentedAnswerToADeadLinkStartsAFullRoundInsteadOfFailingForEver() {
        Map<String, MicrosoftPayload> answers = Map.of(
                "syncStateNotFound", MicrosoftPayload.load("graph-error-delta-sync-state-not-found.json"),
                "resyncRequired", MicrosoftPayload.load("graph-error-delta-resync-required.json"),
                "410 Gone with Location", MicrosoftPayload.load("graph-delta-sync-reset-410.json"),
                "a badly formed token", MicrosoftPayload.load("graph-error-body.json").withStatus(400));
        answers.forEach((what, answer) -> {
            graphServer.resetAll();
            answer.serve(graphServer, get(urlPathMatching("/v1.0/users/delta(\\(\\))?")));
            GraphAccessException e = assertThrows(GraphAccessException.class,
                    () -> new UserDeltaReader(graph).read(base() + "/v1.0/users/delta?$deltatoken=stale", page -> { }));
            assertInstanceOf(DeltaExpiredException.class, e, what + ": " + e.getMessage());
        });
    }

    @Test
    void aRefusedTokenIsAFailureNotAReasonToResync() {
        MicrosoftPayload.load("graph-error-body.json").withStatus(401).serve(graphServer, get(urlPathMatching("/v1.0/users/delta(\\(\\))?")));
        GraphAccessException e = assertThrows(GraphAccessException.class,
                () -> new UserDeltaReader(graph).read(base() + "/v1.0/users/delta?$deltatoken=fine", page -> { }));
        assertFalse(e instanceof DeltaExpiredException, e.getMessage());
    }

    @Test
    @Timeout(20)
    void aNextLinkThatRepeatsEndsTheRoundWithAClearMessage() {
        MicrosoftPayload.load("users-delta-next-page.json").serve(graphServer, get(urlPathMatching("/v1.0/users/delta(\\(\\))?"))
                .withQueryParam("$skiptoken", absent()));
        // The page links to itself from then on.
        MicrosoftPayload.load("users-delta-next-page.json").serve(graphServer, get(urlPathMatching("/v1.0/users/delta(\\(\\))?"))
                .withQueryParam("$skiptoken", matching(".+")));
        GraphAccessException e = assertThrows(GraphAccessException.class, () -> new UserDeltaReader(graph).read(null, page -> { }));
        assertTrue(e.getMessage().contains("same @odata.nextLink twice"), e.getMessage());
        assertEquals(2, traffic.requests(), "stopped at the first repeat");
    }

    @Test
    void scopeGroupsAreReadAsAnAdvancedQuery() {
        String group = "9a3d526c-b3c1-4479-ba74-197b5c5751ae";
        MicrosoftPayload.load("transitive-members-advanced-query.json").serve(graphServer,
                get(urlPathMatching("/v1.0/groups/" + group + "/transitiveMembers/(microsoft\\.)?graph\\.user")));
        new UserDeltaReader(graph).transitiveUserMembers(List.of(group));
        graphServer.verify(getRequestedFor(urlPathMatching("/v1.0/groups/" + group + "/transitiveMembers/.*"))
                .withHeader("ConsistencyLevel", equalTo("eventual"))
                .withQueryParam("$count", equalTo("true")));
    }

    @Test
    void throttledAnswersAreCountedAndRetriedAndTheLimitPercentageSlowsTheRunDown() {
        MicrosoftPayload throttled = MicrosoftPayload.load("graph-error-throttled-429-identity.json").withHeader("Retry-After", "1");
        throttled.serve(graphServer, get(urlPathMatching("/v1.0/users/delta(\\(\\))?")).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served"));
        MicrosoftPayload.load("users-delta-last-page.json").withHeader("x-ms-throttle-limit-percentage", "1.2")
                .serve(graphServer, get(urlPathMatching("/v1.0/users/delta(\\(\\))?")).inScenario("throttle").whenScenarioStateIs("served"));
        List<Long> pauses = new ArrayList<>();
        GraphTraffic slowing = new GraphTraffic(pauses::add);
        GraphServiceClient client = EntraGraph.client(base(), new FixedToken(), slowing, LOCAL);
        new UserDeltaReader(client).read(null, page -> { });
        new UserDeltaReader(client).read(null, page -> { });
        assertEquals(3, slowing.requests());
        assertEquals(1, slowing.throttled());
        assertEquals(List.of(4_000L), pauses, "1.2 of the limit: wait 0.4 of the 10 s window before the next request");
    }

    /** Graph checks no token here; the readers only need one to send. */
    private static final class FixedToken implements AccessTokenProvider {
        @Override
        public String getAuthorizationToken(URI uri, Map<String, Object> context) {
            return "token";
        }

        @Override
        public AllowedHostsValidator getAllowedHostsValidator() {
            return new AllowedHostsValidator();
        }
    }
}
