package dev.kcentra.signin.idp;

import dev.kcentra.sync.graph.AadErrorMessage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AadErrorMessageTest {

    @Test
    void microsoftsDocumentedErrorBodyIsCutBeforeTheTraceId() {
        assertEquals("AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope "
                + "https://foo.microsoft.com/.default is not valid.", AadErrorMessage.from(MicrosoftGolden.text("client-credentials-error.json")));
    }

    @Test
    void withoutADescriptionTheErrorCodeAndWithoutJsonNotTheBody() {
        assertEquals("invalid_grant", AadErrorMessage.from("{\"error\":\"invalid_grant\"}"));
        // Issue 17: whatever answered an admin-given URL is not repeated to the admin (this reason is in the event).
        assertEquals("(an answer of 25 characters without error or error_description)", AadErrorMessage.from("<html>Bad gateway</html>\n"));
        assertEquals("(empty answer)", AadErrorMessage.from(""));
    }
}
