package dev.kcentra.links.linking;

import dev.kcentra.links.store.AccountLinkEntity;
import dev.kcentra.links.store.LinkStore;
import dev.kcentra.links.store.LinkedAccount;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes links. A link is written in a transaction of its own, so that losing a race to another link of the same
 * account (the database's unique account refuses the second insert) is an answer for the user, not a failed request.
 */
public final class AccountLinker {

    private static final Logger LOG = Logger.getLogger(AccountLinker.class);
    private static final int MAX_ATTEMPTS = 4;

    /** Why an account cannot be linked to a master. */
    public enum Refusal {
        /** An account cannot be linked to itself. */
        SAME_ACCOUNT("kcentraLinksSameAccount", "An account cannot be linked to itself"),
        /** The would-be master is itself linked to a master: no chains. */
        MASTER_IS_LINKED("kcentraLinkedAccountRefused", "The master is itself a linked account"),
        /** The account is enrolled as a master. */
        ALREADY_MASTER("kcentraLinksAlreadyMaster", "The account is a master account (enrolled)"),
        /** The account is linked already, to this master or another. */
        ALREADY_LINKED("kcentraLinksAlreadyLinked", "The account is already linked");

        /** What the user is told (a message key of the login theme). */
        public final String messageKey;
        /** What an admin is told (admin REST). */
        public final String description;

        Refusal(String messageKey, String description) {
            this.messageKey = messageKey;
            this.description = description;
        }
    }

    /** Either the new link's id or the refusal. */
    public record Outcome(String linkId, Refusal refusal) {
        public boolean linked() {
            return refusal == null;
        }
    }

    private final KeycloakSessionFactory factory;
    private final String realmId;

    public AccountLinker(KeycloakSession session, String realmId) {
        this.factory = session.getKeycloakSessionFactory();
        this.realmId = realmId;
    }

    /** Links {@code account} to {@code master}, enrolling the master first if needed. */
    public Outcome link(LinkedAccount master, LinkedAccount account, String linkedBy) {
        if (master.key().equals(account.key())) {
            return new Outcome(null, Refusal.SAME_ACCOUNT);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> write(session, master, account, linkedBy));
            } catch (RuntimeException e) {
                // Lost a race: another link wrote one of the two accounts first (a unique-key violation), or two crossed
                // links waited on each other (a deadlock or lock timeout). Say what the winner made of the accounts.
                Optional<Refusal> now = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
                    LinkStore store = new LinkStore(session, realmId);
                    return refusal(store, store.find(master), account);
                });
                if (now.isPresent()) {
                    LOG.debugf("Link of %s to %s lost a race: %s", account.key(), master.key(), now.get());
                    return new Outcome(null, now.get());
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                // Nobody won (both sides of a deadlock gave up): try again after a random pause, so one goes first.
                LOG.debugf("Link of %s to %s failed (%s), attempt %d", account.key(), master.key(), e.getMessage(), attempt);
                pause(attempt);
            }
        }
    }

    private Outcome write(KeycloakSession session, LinkedAccount master, LinkedAccount account, String linkedBy) {
        LinkStore store = new LinkStore(session, realmId);
        Optional<AccountLinkEntity> masterRow = store.find(master);
        Optional<Refusal> refusal = refusal(store, masterRow, account);
        if (refusal.isPresent()) {
            return new Outcome(null, refusal.get());
        }
        AccountLinkEntity enrolled = masterRow.orElseGet(() -> store.insert(master, null, linkedBy));
        return new Outcome(store.insert(account, enrolled, linkedBy).getId(), null);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 60L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while linking", e);
        }
    }

    private static Optional<Refusal> refusal(LinkStore store, Optional<AccountLinkEntity> masterRow, LinkedAccount account) {
        if (masterRow.isPresent() && !masterRow.get().isMaster()) {
            return Optional.of(Refusal.MASTER_IS_LINKED);
        }
        return store.find(account).map(row -> row.isMaster() ? Refusal.ALREADY_MASTER : Refusal.ALREADY_LINKED);
    }
}
