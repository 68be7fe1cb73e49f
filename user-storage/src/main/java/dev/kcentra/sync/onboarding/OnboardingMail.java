package dev.kcentra.sync.onboarding;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;
import org.keycloak.services.resources.LoginActionsService;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The emails that bring synced users in: a set-password link (Keycloak's "update password" action token, sent with
 * its own template) and the invitation, which says "Sign in with Microsoft" to SSO users and carries a set-password
 * link for everyone else.
 */
final class OnboardingMail {

    static final String INVITATION_TEMPLATE = "kcentra-invitation.ftl";
    static final String INVITATION_SUBJECT = "kcentraInvitationSubject";
    /** How long a set-password link works: three days, for people who read mail on Monday. */
    static final int LINK_LIFESPAN_SECONDS = (int) TimeUnit.DAYS.toSeconds(3);

    private final KeycloakSession session;
    private final RealmModel realm;

    OnboardingMail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void sendSetPassword(UserModel user) throws EmailException {
        email(user).setAttribute(Constants.TEMPLATE_ATTR_REQUIRED_ACTIONS, List.of(UserModel.RequiredAction.UPDATE_PASSWORD.name()))
                .sendExecuteActions(setPasswordLink(user), TimeUnit.SECONDS.toMinutes(LINK_LIFESPAN_SECONDS));
    }

    void sendInvitation(UserModel user, SignInMethod method) throws EmailException {
        Map<String, Object> attributes = new HashMap<>();
        boolean microsoft = method == SignInMethod.MICROSOFT;
        attributes.put("signInWithMicrosoft", microsoft);
        attributes.put("link", microsoft ? accountConsole() : setPasswordLink(user));
        attributes.put("linkExpirationDays", String.valueOf(TimeUnit.SECONDS.toDays(LINK_LIFESPAN_SECONDS)));
        email(user).send(INVITATION_SUBJECT, List.of(realmName()), INVITATION_TEMPLATE, attributes);
    }

    private EmailTemplateProvider email(UserModel user) {
        return session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .setAttribute(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
    }

    private String setPasswordLink(UserModel user) {
        ExecuteActionsActionToken token = new ExecuteActionsActionToken(user.getId(), user.getEmail(),
                Time.currentTime() + LINK_LIFESPAN_SECONDS, List.of(UserModel.RequiredAction.UPDATE_PASSWORD.name()),
                null, Constants.ACCOUNT_CONSOLE_CLIENT_ID);
        UriBuilder builder = LoginActionsService.actionTokenProcessor(session.getContext().getUri());
        builder.queryParam("key", token.serialize(session, realm, session.getContext().getUri()));
        return builder.build(realm.getName()).toString();
    }

    /** Where an SSO user starts: the account console, which sends them through the sign-in page to Microsoft. */
    private String accountConsole() {
        return Urls.accountBase(session.getContext().getUri().getBaseUri()).path("/").build(realm.getName()).toString();
    }

    private String realmName() {
        return realm.getDisplayName() != null && !realm.getDisplayName().isBlank() ? realm.getDisplayName() : realm.getName();
    }
}
