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
 * Tells both accounts of a link that it was made or removed, each at its own address, through Keycloak's email
 * sender and the realm's email theme. A failed email is logged; the link stands.
 */
public final class LinkNotifications {

    private static final Logger LOG = Logger.getLogger(LinkNotifications.class);

    private LinkNotifications() {
    }

    public static void linked(KeycloakSession session, RealmModel realm, UserModel master, UserModel account) {
        send(session, realm, master, account, "kcentraAccountLinkedSubject", "kcentra-account-linked.ftl");
    }

    public static void unlinked(KeycloakSession session, RealmModel realm, UserModel master, UserModel account) {
        send(session, realm, master, account, "kcentraAccountUnlinkedSubject", "kcentra-account-unlinked.ftl");
    }

    private static void send(KeycloakSession session, RealmModel realm, UserModel master, UserModel account, String subject, String template) {
        if (realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
            LOG.debugf("Realm %s has no SMTP server: no link notifications", realm.getName());
            return;
        }
        for (UserModel recipient : List.of(master, account)) {
            if (recipient.getEmail() == null || recipient.getEmail().isBlank()) {
                continue;
            }
            // Mutable: Keycloak's email provider adds its own attributes.
            Map<String, Object> attributes = new HashMap<>(Map.of("kcentraMaster", master.getUsername(), "kcentraLinked", account.getUsername()));
            try {
                session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(recipient)
                        .send(subject, List.of(realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName()), template, attributes);
            } catch (EmailException e) {
                LOG.warnf("Realm %s: link notification to user %s failed: %s", realm.getName(), recipient.getId(), e.getMessage());
            }
        }
    }
}
