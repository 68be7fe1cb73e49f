package dev.kcentra.links.admin;

import dev.kcentra.links.linking.AccountLinker;
import dev.kcentra.links.linking.LinkNotifications;
import dev.kcentra.links.linking.Linking;
import dev.kcentra.links.store.AccountLinkEntity;
import dev.kcentra.links.store.LinkStore;
import dev.kcentra.links.store.LinkedAccount;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;
import java.util.Optional;

/**
 * Admin REST of linked accounts: a user's links (as master or as linked account), linking, unlinking and the
 * "Allow Authentication" switch. Reading needs view permission on the user and shows the other accounts of its links
 * only where the admin may view them too; changing (linking, the switch, unlinking) needs manage permission on both
 * accounts. Every change is an admin event.
 */
public class LinksAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final LinkStore store;

    LinksAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.CUSTOM);
        this.store = new LinkStore(session, realm);
    }

    /** A linked account: a Keycloak user, or (no userId) an identity provider's account by its name there. */
    public record Account(String userId, String username, String federationLink) {
    }

    public record Link(String id, Account account, boolean allowAuthentication, long linkedAt, String linkedBy) {
    }

    /** {@code role}: {@code master} (with {@code links}), {@code linked} (with {@code master}) or {@code none}. */
    public record UserLinks(String role, Account master, String linkId, List<Link> links) {
    }

    public record LinkInput(String userId) {
    }

    public record SwitchInput(Boolean allowAuthentication) {
    }

    @GET
    @Path("users/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public UserLinks userLinks(@PathParam("userId") String userId) {
        UserModel user = user(userId);
        auth.users().requireView(user);
        Optional<AccountLinkEntity> row = store.find(LinkedAccount.of(user));
        if (row.isEmpty()) {
            return new UserLinks("none", null, null, List.of());
        }
        if (!row.get().isMaster()) {
            // The admin may view this user, not necessarily its master: a master it may not view stays unnamed.
            String masterId = store.byId(row.get().getMasterId()).orElseThrow().getUserId();
            UserModel master = userOrNull(masterId);
            if (master != null && !auth.users().canView(master)) {
                return new UserLinks("linked", null, null, List.of());
            }
            return new UserLinks("linked", account(masterId), row.get().getId(), List.of());
        }
        // Only the linked accounts the admin may view (a provider identity without a user belongs to the master's view).
        return new UserLinks("master", null, null, store.linksOf(row.get()).stream().filter(this::mayView).map(this::link).toList());
    }

    @POST
    @Path("users/{userId}/links")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response linkAccount(@PathParam("userId") String masterId, LinkInput input) {
        UserModel master = user(masterId);
        if (input == null || input.userId() == null) {
            throw ErrorResponse.error("userId of the account to link is required", Response.Status.BAD_REQUEST);
        }
        UserModel account = user(input.userId());
        auth.users().requireManage(master);
        auth.users().requireManage(account);
        AccountLinker.Outcome outcome = new AccountLinker(session, realm.getId()).link(LinkedAccount.of(master), LinkedAccount.of(account), "admin");
        if (!outcome.linked()) {
            throw ErrorResponse.error(outcome.refusal().description, Response.Status.CONFLICT);
        }
        Link link = link(store.byId(outcome.linkId()).orElseThrow());
        adminEvent.operation(OperationType.CREATE).resourcePath(session.getContext().getUri(), outcome.linkId()).representation(link).success();
        Linking.linked(session, realm, master, account);
        return Response.status(Response.Status.CREATED).entity(link).build();
    }

    @PUT
    @Path("links/{linkId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setSwitch(@PathParam("linkId") String linkId, SwitchInput input) {
        AccountLinkEntity link = linkToManage(linkId).link();
        if (input == null || input.allowAuthentication() == null) {
            throw ErrorResponse.error("allowAuthentication is required", Response.Status.BAD_REQUEST);
        }
        link.setAllowAuthentication(input.allowAuthentication());
        adminEvent.operation(OperationType.UPDATE).resourcePath(session.getContext().getUri()).representation(link(link)).success();
        return Response.noContent().build();
    }

    @DELETE
    @Path("links/{linkId}")
    public Response unlink(@PathParam("linkId") String linkId) {
        ManagedLink managed = linkToManage(linkId);
        AccountLinkEntity link = managed.link();
        Link removed = link(link);
        store.delete(link);
        adminEvent.operation(OperationType.DELETE).resourcePath(session.getContext().getUri()).representation(removed).success();
        UserModel account = link.getUserId() == null ? null : session.users().getUserById(realm, link.getUserId());
        if (account != null) {
            LinkNotifications.unlinked(session, realm, managed.master(), account);
        }
        return Response.noContent().build();
    }

    /** A link and its master's user, which the admin may manage. */
    private record ManagedLink(AccountLinkEntity link, UserModel master) {
    }

    /** A link whose both accounts the admin may manage (a provider identity without a user: its master). */
    private ManagedLink linkToManage(String linkId) {
        AccountLinkEntity link = store.byId(linkId).filter(l -> !l.isMaster()).orElseThrow(() -> new NotFoundException("No such link"));
        UserModel master = user(store.byId(link.getMasterId()).orElseThrow().getUserId());
        auth.users().requireManage(master);
        UserModel account = userOrNull(link.getUserId());
        if (account != null) {
            auth.users().requireManage(account);
        }
        return new ManagedLink(link, master);
    }

    private boolean mayView(AccountLinkEntity link) {
        UserModel account = userOrNull(link.getUserId());
        return account == null || auth.users().canView(account);
    }

    private UserModel userOrNull(String userId) {
        return userId == null ? null : session.users().getUserById(realm, userId);
    }

    private Link link(AccountLinkEntity row) {
        Account account = row.getUserId() == null ? new Account(null, row.getAccountName(), null) : account(row.getUserId());
        return new Link(row.getId(), account, row.isAllowAuthentication(), row.getLinkedAt(), row.getLinkedBy());
    }

    private Account account(String userId) {
        UserModel user = userId == null ? null : session.users().getUserById(realm, userId);
        return user == null ? new Account(userId, null, null) : new Account(user.getId(), user.getUsername(), user.getFederationLink());
    }

    private UserModel user(String id) {
        UserModel user = session.users().getUserById(realm, id);
        if (user == null) {
            // As Keycloak's own user endpoints: no user, or none the admin may see, is "not found".
            auth.users().requireQuery();
            throw new NotFoundException("User not found");
        }
        return user;
    }
}
