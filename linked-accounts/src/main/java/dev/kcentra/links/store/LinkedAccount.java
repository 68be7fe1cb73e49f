package dev.kcentra.links.store;

import org.keycloak.models.UserModel;

/**
 * An account of one of the realm's identity stores, as links name it. A local or federated account is its Keycloak
 * user (the key survives renames); an identity provider's account that has no Keycloak user is the provider's
 * subject.
 *
 * @param key    unique per realm
 * @param userId the Keycloak user, if there is one
 * @param name   the provider's name for an account without a Keycloak user
 */
public record LinkedAccount(String key, String userId, String name) {

    public static LinkedAccount of(UserModel user) {
        return ofUser(user.getId());
    }

    public static LinkedAccount ofUser(String userId) {
        return new LinkedAccount("user:" + userId, userId, null);
    }

    /** An identity provider's account (by its subject) that signed in without becoming a Keycloak user. */
    public static LinkedAccount ofIdentity(String providerAlias, String subject, String name) {
        return new LinkedAccount("idp:" + providerAlias + ":" + subject, null, name);
    }
}
