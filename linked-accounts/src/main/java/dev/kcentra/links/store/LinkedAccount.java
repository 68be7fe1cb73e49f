package dev.kcentra.links.store;

import org.keycloak.models.UserModel;

/**
 * An account of one of the realm's identity stores, as links name it. A local or federated account is its Keycloak
 * user: its store is the user's, and the key survives renames.
 *
 * @param key    unique per realm
 * @param userId the Keycloak user
 */
public record LinkedAccount(String key, String userId) {

    public static LinkedAccount of(UserModel user) {
        return ofUser(user.getId());
    }

    public static LinkedAccount ofUser(String userId) {
        return new LinkedAccount("user:" + userId, userId);
    }
}
