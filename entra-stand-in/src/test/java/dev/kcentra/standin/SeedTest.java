package dev.kcentra.standin;

import dev.kcentra.standin.seed.Seed;
import dev.kcentra.standin.seed.SeedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SeedTest {

    private static final String USER_1 = "{'id':'00000000-0000-4000-8000-000000000001','userPrincipalName':'a@b.test'";
    private static final String APP = "{'clientId':'aaaaaaaa-0000-4000-8000-000000000001'";

    @Test
    void readsTheTestSeedWithCertificatesGuestsAndTheConsumerTenant() {
        Seed seed = Seed.load(TestFixtures.seedFile());
        assertEquals(2, seed.tenants().size());
        assertEquals(2, seed.pageSize());
        var tenant = seed.tenants().get(0);
        assertEquals(1, tenant.applications().get(0).certificates().size());
        assertTrue(tenant.users().stream().anyMatch(u -> u.isGuest()));
        assertTrue(seed.tenants().get(1).isConsumers());
        assertEquals("Member", seed.tenants().get(1).users().get(0).userType(), "userType defaults to Member");
    }

    static Stream<Arguments> badSeeds() {
        return Stream.of(
                arguments("{'tenants': [", "not valid JSON"),
                arguments("{}", "$.tenants: missing"),
                arguments("{'tenants': []}", "$.tenants: at least one tenant"),
                arguments("{'tenants': [{'id': 'contoso'}]}", "$.tenants[0].id: must be a GUID, was 'contoso'"),
                arguments(tenant("'users': {}"), "$.tenants[0].users: must be an array"),
                arguments(tenant("'users': [{'id':'00000000-0000-4000-8000-000000000001'}]"), "$.tenants[0].users[0].userPrincipalName: missing"),
                arguments(tenant("'users': [{'id':'00000000-0000-4000-8000-000000000001','userPrincipalName':'alice'}]"), "must look like name@domain"),
                arguments(tenant("'users': [" + USER_1 + ",'userType':'Admin'}]"), "$.tenants[0].users[0].userType: must be Member or Guest"),
                arguments(tenant("'users': [" + USER_1 + ",'accountEnabled':'yes'}]"), "$.tenants[0].users[0].accountEnabled: must be true or false"),
                arguments(tenant("'users': [" + USER_1 + "}, {'id':'00000000-0000-4000-8000-000000000002','userPrincipalName':'A@B.test'}]"),
                        "$.tenants[0].users[*].userPrincipalName: 'a@b.test' appears twice"),
                arguments(tenant("'groups': [{'id':'99999999-0000-4000-8000-000000000001','displayName':'g','members':['00000000-0000-4000-8000-000000000009']}]"),
                        "$.tenants[0].groups[0].members[0]: no user with id"),
                arguments(tenant("'applications': [" + APP + "}]"), "$.tenants[0].applications[0]: an application needs a clientSecret or at least one certificate"),
                arguments(tenant("'applications': [" + APP + ",'certificates':['nope']}]"), "$.tenants[0].applications[0].certificates[0]: not a PEM X.509 certificate"),
                arguments(tenant("'applications': [" + APP + ",'clientSecret':'x','redirectUris':['/cb']}]"), "$.tenants[0].applications[0].redirectUris[0]: redirect URI must be absolute"),
                arguments(tenant("'users': []") .replace("]}", "], 'graph': {'pageSize': 1000}}"), "$.graph.pageSize: must be between 1 and 999"),
                arguments(tenant("'users': []").replace("]}", "], 'faults': [{'path': '/v1.0/.*', 'status': 200}]}"), "$.faults[0]: status must be"),
                arguments(tenant("'users': []").replace("]}", "], 'faults': [{'path': '/v1.0/.*'}]}"), "$.faults[0]: a fault needs an error status, a delay or repeatNextLink"),
                arguments(tenant("'users': []").replace("]}", "], 'faults': [{'path': '/v1.0/.*', 'status': 1.5}]}"), "$.faults[0].status: must be a whole number"));
    }

    @ParameterizedTest
    @MethodSource("badSeeds")
    void refusesABadSeedNamingThePlace(String json, String expected) {
        SeedException e = assertThrows(SeedException.class, () -> Seed.parse(json.replace('\'', '"')));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' lacks '" + expected + "'");
    }

    @Test
    void namesAMissingFile() {
        SeedException e = assertThrows(SeedException.class, () -> Seed.load(Path.of("/nonexistent/seed.json")));
        assertTrue(e.getMessage().contains("/nonexistent/seed.json does not exist"), e.getMessage());
    }

    private static String tenant(String body) {
        return "{'tenants': [{'id':'11111111-1111-4111-8111-111111111111'," + body + "}]}";
    }

    @Test
    void anAppRegistrationPrintsNoClientSecret() {
        String shown = new dev.kcentra.standin.seed.EntraApplication("App", "aaaaaaaa-0000-4000-8000-000000000001", "app-secret-value",
                java.util.List.of(), java.util.List.of(), java.util.List.of()).toString();
        assertTrue(!shown.contains("app-secret-value") && shown.contains("clientSecret=**********"), shown);
    }
}
