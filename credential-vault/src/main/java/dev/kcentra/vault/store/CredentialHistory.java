package dev.kcentra.vault.store;

import java.util.List;

/**
 * The versions of one owner's secret for an app: one current, retired ones kept up to a limit and then destroyed
 * (the row goes, and with it the only copy of its wrapped data key).
 */
public final class CredentialHistory {

    public static final int DEFAULT_KEEP = 5;

    private final VaultStore store;

    public CredentialHistory(VaultStore store) {
        this.store = store;
    }

    /** Serves {@code credential} from now on; the version it replaces is retired. */
    public void makeCurrent(PasswordAppEntity app, SharedCredentialEntity credential, int keepRetired) {
        store.credential(app, credential.getOwner(), SharedCredentialEntity.CURRENT)
                .filter(old -> !old.getId().equals(credential.getId()))
                .ifPresent(old -> old.setState(SharedCredentialEntity.RETIRED));
        credential.setState(SharedCredentialEntity.CURRENT);
        store.flush();
        List<SharedCredentialEntity> retired = store.versions(app, credential.getOwner()).stream()
                .filter(c -> SharedCredentialEntity.RETIRED.equals(c.getState())).toList();
        retired.stream().skip(Math.max(0, keepRetired)).forEach(store::remove);
        store.flush();
    }
}
