package dev.kcentra.signin.outage;

import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.sso.SsoPolicy;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.RealmModel;

/**
 * The themed page an SSO user gets when Microsoft does not answer: no password form (SSO users never fall back to
 * a password), the admin's outage message if there is one, and a way to start over. Always with an event.
 */
public final class MicrosoftUnavailablePage {

    /** Event error, for admins: Microsoft (Entra) did not answer. */
    public static final String ERROR = "entra_unavailable";
    static final String TEMPLATE = "kcentra-microsoft-unavailable.ftl";

    private MicrosoftUnavailablePage() {
    }

    /** Sends the event (already typed by the caller) and renders the page with status 503. */
    public static Response show(LoginFormsProvider form, EventBuilder event, RealmModel realm, String identityProviderAlias) {
        event.detail(Details.IDENTITY_PROVIDER, identityProviderAlias).error(ERROR);
        String outageMessage = SsoPolicy.connectionOf(realm).map(EntraSyncConfig::from).map(EntraSyncConfig::outageMessage).orElse(null);
        if (outageMessage != null) {
            form.setAttribute("outageMessage", outageMessage);
        }
        return form.setStatus(Response.Status.SERVICE_UNAVAILABLE).createForm(TEMPLATE);
    }
}
