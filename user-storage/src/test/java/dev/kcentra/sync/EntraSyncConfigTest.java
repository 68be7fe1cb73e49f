package dev.kcentra.sync;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntraSyncConfigTest {

    private static ComponentModel model(String... pairs) {
        ComponentModel model = new ComponentModel();
        for (int i = 0; i < pairs.length; i += 2) {
            model.put(pairs[i], pairs[i + 1]);
        }
        return model;
    }

    private static ComponentModel valid(String... more) {
        ComponentModel model = model("tenantId", "72f988bf-86f1-41af-91ab-2d7cd011db47", "clientId", "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c",
                "authentication", "secret", "clientSecret", "s");
        for (int i = 0; i < more.length; i += 2) {
            model.put(more[i], more[i + 1]);
        }
        return model;
    }

    @Test
    void defaultsAreTheSecureOnes() {
        EntraSyncConfig config = EntraSyncConfig.from(model());
        assertEquals(ClientAuthentication.CERTIFICATE, config.authentication());
        assertEquals(EntraCloud.GLOBAL, config.cloud());
        assertEquals(DeletionPolicy.DISABLE, config.deletionPolicy());
        assertEquals(false, config.includeGuests());
        assertEquals(false, config.ssoEnabled());
        assertEquals(20, config.abortThresholdPercent());
        assertEquals("entra", config.identityProviderAlias());
    }

    @Test
    void aValidSecretConnectionHasNoProblems() {
        assertEquals(List.of(), EntraSyncConfig.problems(valid()));
        EntraSyncConfig config = EntraSyncConfig.from(valid());
        assertEquals("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", config.tokenEndpoint());
        assertEquals("https://graph.microsoft.com", config.graph());
        assertEquals("https://graph.microsoft.com/.default", config.cloud().graphScope());
    }

    @Test
    void nationalCloudsUseTheirOwnEndpoints() {
        EntraSyncConfig china = EntraSyncConfig.from(valid("cloud", "china"));
        assertEquals("https://login.chinacloudapi.cn/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", china.tokenEndpoint());
        assertEquals("https://microsoftgraph.chinacloudapi.cn/.default", china.cloud().graphScope());
        assertEquals("https://dod-graph.microsoft.us", EntraSyncConfig.from(valid("cloud", "us-government-dod")).graph());
    }

    @Test
    void customCloudNeedsBothUrlsAndStripsTrailingSlashes() {
        List<String> problems = EntraSyncConfig.problems(valid("cloud", "custom", "authorityUrl", "not a url"));
        assertTrue(problems.contains("Authority URL must be an absolute http(s) URL."), problems.toString());
        assertTrue(problems.contains("Graph URL must be an absolute http(s) URL."), problems.toString());
        EntraSyncConfig config = EntraSyncConfig.from(valid("cloud", "custom", "authorityUrl", "http://127.0.0.1:8180/", "graphUrl", "http://127.0.0.1:8181/"));
        assertEquals("http://127.0.0.1:8181", config.graph());
        assertEquals("http://127.0.0.1:8180/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", config.tokenEndpoint());
    }

    @Test
    void everyProblemIsListedInAdminWords() {
        List<String> problems = EntraSyncConfig.problems(model("tenantId", "contoso.com", "authentication", "certificate",
                "cloud", "mars", "deletionPolicy", "shred", "usernameAttribute", "displayName", "deleteAfterDays", "x",
                "abortThresholdPercent", "101", "ssoForAllSynced", "true"));
        assertEquals(9, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("Tenant ID must be"));
        assertTrue(problems.contains("Cloud: unknown cloud 'mars'."), problems.toString());
        assertTrue(problems.contains("Certificate authentication needs the certificate (PEM) and its private key (PEM, PKCS#8)."));
        assertTrue(problems.contains("Delete after (days) must be a whole number, was 'x'."));
        assertTrue(problems.contains("\"Enable for all synced users\" needs \"Enable SSO\" on."));
    }

    @Test
    void secretAuthenticationNeedsTheSecret() {
        ComponentModel model = valid();
        model.getConfig().remove("clientSecret");
        assertEquals(List.of("Secret authentication needs the client secret."), EntraSyncConfig.problems(model));
    }

    @Test
    void toStringShowsNoSecret() {
        String secretShown = EntraSyncConfig.from(valid("clientSecret", "s3cr3t-value", "privateKey", "-----BEGIN PRIVATE KEY-----MIIEvQ")).toString();
        assertTrue(!secretShown.contains("s3cr3t-value") && !secretShown.contains("MIIEvQ"), secretShown);
        assertTrue(secretShown.contains("clientSecret=**********") && secretShown.contains("tenantId=72f988bf"), secretShown);
    }

    @Test
    void microsoftSignInIsForSyncedUsersOnlyUnlessTurnedOff() {
        assertTrue(EntraSyncConfig.from(valid()).signInSyncedUsersOnly(), "secure by default");
        assertTrue(!EntraSyncConfig.from(valid("signInSyncedUsersOnly", "false")).signInSyncedUsersOnly());
    }
}
