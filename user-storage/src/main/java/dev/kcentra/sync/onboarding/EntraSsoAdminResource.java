package dev.kcentra.sync.onboarding;

import dev.kcentra.sync.EntraSyncConfig;
import dev.kcentra.sync.SyncedUsers;
import dev.kcentra.sync.sso.SsoPolicy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.email.EmailException;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Admin REST for the realm's Entra SSO users, under {@code /admin/realms/{realm}/kcentra-entra-sso}: who would be
 * stranded without SSO, set-password emails for them, and invitations. Needs the realm's manage-users role.
 */
public class EntraSsoAdminResource {

    private static final Logger LOG = Logger.getLogger(EntraSsoAdminResource.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    EntraSsoAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.USER);
    }

    /** A user in the answers: enough to find them in the console, nothing secret. */
    public record UserSummary(String id, String username, String email, SignInMethod signIn) {
    }

    /**
     * What a sending did; users without an email address cannot be reached, and disabled users are skipped (enabling
     * them is a decision of its own): both are listed.
     */
    public record Sent(int sent, List<String> withoutEmail, List<String> disabled, List<String> failed) {
    }

    public record InvitationRequest(List<String> userIds) {
    }

    /** Synced users who can sign in neither with Microsoft nor with a password: SSO was taken from them. */
    @GET
    @Path("stranded-users")
    @Produces(MediaType.APPLICATION_JSON)
    public List<UserSummary> strandedUsers() {
        auth.users().requireView();
        ComponentModel connection = connection();
        return syncedUsers(connection).map(user -> summary(connection, user))
                .filter(user -> user.signIn() == SignInMethod.NONE).toList();
    }

    /** Sends each stranded user a link to set a password (Keycloak's "update password" email). */
    @POST
    @Path("set-password-emails")
    @Produces(MediaType.APPLICATION_JSON)
    public Sent sendSetPasswordEmails() {
        auth.users().requireManage();
        ComponentModel connection = connection();
        OnboardingMail mail = new OnboardingMail(session, realm);
        Sent sent = send(syncedUsers(connection).filter(user -> SignInMethod.of(connection, user) == SignInMethod.NONE).toList(),
                mail::sendSetPassword);
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .representation(Map.of("action", "set-password-emails", "sent", sent.sent(), "withoutEmail", sent.withoutEmail().size(),
                        "disabled", sent.disabled().size(), "failed", sent.failed().size()))
                .success();
        return sent;
    }

    /** Invites the given synced users (all synced users when none are given), each by the way they sign in. */
    @POST
    @Path("invitations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Sent sendInvitations(InvitationRequest request) {
        auth.users().requireManage();
        ComponentModel connection = connection();
        List<UserModel> users = request == null || request.userIds() == null || request.userIds().isEmpty()
                ? syncedUsers(connection).toList()
                : request.userIds().stream().map(id -> syncedUser(connection, id)).toList();
        OnboardingMail mail = new OnboardingMail(session, realm);
        Sent sent = send(users, user -> mail.sendInvitation(user, SignInMethod.of(connection, user)));
        adminEvent.operation(OperationType.ACTION).resourcePath(session.getContext().getUri())
                .representation(Map.of("action", "invitations", "sent", sent.sent(), "withoutEmail", sent.withoutEmail().size(),
                        "disabled", sent.disabled().size(), "failed", sent.failed().size()))
                .success();
        return sent;
    }

    private interface Mailing {
        void send(UserModel user) throws EmailException;
    }

    private Sent send(List<UserModel> users, Mailing mailing) {
        int sent = 0;
        List<String> withoutEmail = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (UserModel user : users) {
            if (!user.isEnabled()) {
                disabled.add(user.getUsername());
                continue;
            }
            if (user.getEmail() == null || user.getEmail().isBlank()) {
                withoutEmail.add(user.getUsername());
                continue;
            }
            try {
                mailing.send(user);
                sent++;
            } catch (EmailException e) {
                LOG.warnf("Could not send an Entra onboarding email to %s: %s", user.getUsername(), e.getMessage());
                failed.add(user.getUsername());
            }
        }
        return new Sent(sent, withoutEmail, disabled, failed);
    }

    private ComponentModel connection() {
        return SsoPolicy.connectionOf(realm).orElseThrow(() -> new NotFoundException("This realm has no Entra ID connection."));
    }

    private Stream<UserModel> syncedUsers(ComponentModel connection) {
        return SyncedUsers.of(session, realm, connection.getId(), EntraSyncConfig.from(connection).tenantId());
    }

    private UserModel syncedUser(ComponentModel connection, String id) {
        UserModel user = id == null ? null : session.users().getUserById(realm, id);
        if (user == null || !connection.getId().equals(user.getFederationLink())) {
            throw new NotFoundException("No synced user with id " + id + ".");
        }
        return user;
    }

    private UserSummary summary(ComponentModel connection, UserModel user) {
        return new UserSummary(user.getId(), user.getUsername(), user.getEmail(), SignInMethod.of(connection, user));
    }
}
