package dev.kcentra.vault.keys;

import dev.kcentra.vault.crypto.KeyEncryptionKey;
import dev.kcentra.vault.crypto.VaultKeyException;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

import java.lang.reflect.Proxy;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Keycloak-vault key source against a vault that answers per realm, as Keycloak's file vault does. */
class KeycloakVaultKeySourceTest {

    private final Map<String, String> vault = new HashMap<>();
    private final AtomicReference<RealmModel> contextRealm = new AtomicReference<>();
    private final RealmModel realm = realm("acme");
    private final RealmModel other = realm("other");
    private final KeycloakVaultKeySource source = new KeycloakVaultKeySource(session());

    @Test
    void theCurrentKeySealsAndThePreviousOneIsStillKnown() {
        byte[] current = filled(1);
        byte[] previous = filled(2);
        vault.put("acme_kcentra-vault-kek", Base64.getEncoder().encodeToString(current));
        vault.put("acme_kcentra-vault-kek-previous", " " + Base64.getEncoder().encodeToString(previous) + "\n");

        assertEquals(KeyEncryptionKey.fromMaterial(current), source.current(realm));
        assertEquals(List.of(KeyEncryptionKey.fromMaterial(current), KeyEncryptionKey.fromMaterial(previous)), source.known(realm));
        assertEquals(KeyEncryptionKey.fromMaterial(previous), source.byId(realm, KeyEncryptionKey.fromMaterial(previous).id()));
        assertSame(null, contextRealm.get(), "the session's realm is put back");
    }

    @Test
    void aRealmReadsOnlyItsOwnSecrets() {
        vault.put("acme_kcentra-vault-kek", Base64.getEncoder().encodeToString(filled(1)));
        VaultKeyException missing = assertThrows(VaultKeyException.class, () -> source.current(other));
        assertTrue(missing.getMessage().contains("other_kcentra-vault-kek"), missing.getMessage());
        assertEquals(List.of(), source.known(other));
    }

    @Test
    void unfitMaterialFailsClosedWithAMessage() {
        vault.put("acme_kcentra-vault-kek", "not base64 !");
        assertTrue(assertThrows(VaultKeyException.class, () -> source.current(realm)).getMessage().contains("is not Base64"));
        vault.put("acme_kcentra-vault-kek", Base64.getEncoder().encodeToString(new byte[16]));
        VaultKeyException tooShort = assertThrows(VaultKeyException.class, () -> source.current(realm));
        assertTrue(tooShort.getMessage().contains("'kcentra-vault-kek' of realm acme must be Base64 of 32 random bytes"), tooShort.getMessage());
        vault.put("acme_kcentra-vault-kek", Base64.getEncoder().encodeToString(filled(3)));
        VaultKeyException unknown = assertThrows(VaultKeyException.class, () -> source.byId(realm, "kek-0000000000000000"));
        assertTrue(unknown.getMessage().contains("restore it"), unknown.getMessage());
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private RealmModel realm(String name) {
        return (RealmModel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RealmModel.class}, (proxy, method, args) -> switch (method.getName()) {
            case "getName" -> name;
            case "toString" -> name;
            case "hashCode" -> name.hashCode();
            case "equals" -> proxy == args[0];
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    /** A session whose vault resolves {@code ${vault.key}} to the file {@code <context realm>_key}. */
    private KeycloakSession session() {
        KeycloakContext context = (KeycloakContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {KeycloakContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRealm" -> contextRealm.get();
                    case "setRealm" -> {
                        contextRealm.set((RealmModel) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        VaultTranscriber transcriber = (VaultTranscriber) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {VaultTranscriber.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getStringSecret")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String expression = (String) args[0];
                    String key = expression.substring("${vault.".length(), expression.length() - 1);
                    String value = vault.get(contextRealm.get().getName() + "_" + key);
                    return new VaultStringSecret() {
                        @Override
                        public Optional<String> get() {
                            return Optional.ofNullable(value);
                        }

                        @Override
                        public void close() {
                        }
                    };
                });
        return (KeycloakSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {KeycloakSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getContext" -> context;
                    case "vault" -> transcriber;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
