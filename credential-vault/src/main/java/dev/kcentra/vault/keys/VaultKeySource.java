package dev.kcentra.vault.keys;

import dev.kcentra.vault.crypto.KeyEncryptionKey;
import dev.kcentra.vault.crypto.VaultKeyException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

import java.util.List;

/**
 * Where a realm's key-encryption keys come from. They never sit in Keycloak's database. {@link #current} seals new
 * secrets; {@link #known} also lists the keys a rotation is moving away from, so that older rows still open.
 */
public interface VaultKeySource extends Provider {

    /** @throws VaultKeyException when the realm has no usable key */
    KeyEncryptionKey current(RealmModel realm);

    /** The realm's keys, current first; {@link #current} fails where this is empty. */
    List<KeyEncryptionKey> known(RealmModel realm);

    /** @throws VaultKeyException when none of the realm's keys has this id */
    default KeyEncryptionKey byId(RealmModel realm, String id) {
        return known(realm).stream().filter(key -> key.id().equals(id)).findFirst()
                .orElseThrow(() -> new VaultKeyException("The key-encryption key '" + id + "' that sealed this secret is not "
                        + "among realm " + realm.getName() + "'s keys any more: restore it (as the previous key) to open it."));
    }

    @Override
    default void close() {
    }
}
