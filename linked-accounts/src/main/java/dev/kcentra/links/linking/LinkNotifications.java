package dev.kcentra.links.linking;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells both accounts of a link that it was made or removed, each at its own address, and a master that one of its
 * linked accounts proved it, through Keycloak's email sender and the realm's email theme. A failed email is logged;
 * the link (or the sign-in) stands.
 */
public final class LinkNotifications {

    private static final Logger LOG = Logger.getLogger(LinkNotifications.class);

    private LinkNotifications() {
    }

    public static void linked(KeycloakSession session, RealmModel realm, UserModel master, UserModel account) {
        send(session, realm, List.of(master, account), "kcentraAccountLinkedSubject", "kcentra-account-linked.ftl", attributes(master, account));
    }

    public static void unlinked(KeycloakSession session, RealmModel realm, UserModel master, UserModel account) {
        send(session, realm, List.of(master, account), "kcentraAccountUnlinkedSubject", "kcentra-account-unlinked.ftl", attributes(master, account));
    }

    /**
     * Tells the master that a linked account just proved it (the linked-account factor of a password reset or an unlock),
     * from which address: whoever holds the linked account's password can take the master over, so the master hears of it.
     */
    public static void factorUsed(KeycloakSession session, RealmModel realm, UserModel master, UserModel account) {
        Map<String, Object> attributes = attributes(master, account);
        String address = session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
        attributes.put("kcentraAddress", address == null ? "?" : address);
        send(session, realm, List.of(master), "kcentraLinkedAccountUsedSubject", "kcentra-linked-account-used.ftl", attributes);
    }

    /** Mutable: Keycloak's email provider adds its own attributes. */
    private static Map<String, Object> attributes(UserModel master, UserModel account) {
        return new HashMap<>(Map.of("kcentraMaster", master.getUsername(), "kcentraLinked", account.getUsername()));
    }

    private static void send(KeycloakSession session, RealmModel realm, List<UserModel> recipients, String subject, String template,
                             Map<String, Object> attributes) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
            LOG.debugf("Realm %s has no SMTP server: no link notifications", realm.getName());
            return;
        }
        for (UserModel recipient : recipients) {
            if (recipient.getEmail() == null || recipient.getEmail().isBlank()) {
                continue;
            }
            try {
                session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(recipient)
                        .send(subject, List.of(realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName()), template,
                                new HashMap<>(attributes));
            } catch (EmailException e) {
                LOG.warnf("Realm %s: link notification to user %s failed: %s", realm.getName(), recipient.getId(), e.getMessage());
            }
        }
    }
}
