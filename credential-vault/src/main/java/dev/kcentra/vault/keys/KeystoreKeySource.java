package dev.kcentra.vault.keys;

import dev.kcentra.vault.crypto.KeyEncryptionKey;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Alias {@code <realm>} seals; aliases {@code <realm>.<anything>} are the realm's older keys, kept to open older rows. */
final class KeystoreKeySource implements VaultKeySource {

    /** The keystore file as this source reads it. */
    interface Keys {
        KeyEncryptionKey key(String alias);

        List<String> aliases();
    }

    private final Supplier<Keys> keystore;

    KeystoreKeySource(Supplier<Keys> keystore) {
        this.keystore = keystore;
    }

    @Override
    public KeyEncryptionKey current(RealmModel realm) {
        return keystore.get().key(realm.getName());
    }

    @Override
    public List<KeyEncryptionKey> known(RealmModel realm) {
        Keys keys = keystore.get();
        List<KeyEncryptionKey> known = new ArrayList<>();
        // PKCS#12 aliases compare without case.
        String current = realm.getName().toLowerCase(Locale.ROOT);
        List<String> aliases = keys.aliases().stream().map(alias -> alias.toLowerCase(Locale.ROOT)).sorted().toList();
        if (aliases.contains(current)) {
            known.add(keys.key(realm.getName()));
        }
        aliases.stream().filter(alias -> alias.startsWith(current + ".")).map(keys::key).forEach(known::add);
        return known;
    }
}
