package dev.kcentra.links.account;

import dev.kcentra.links.store.AccountLinkEntity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A linked account as the page shows it (a JavaBean: FreeMarker reads getters, not record accessors). */
public final class LinkView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AccountLinkEntity link;
    private final String username;
    private final String store;
    private final boolean lockedOut;

    LinkView(AccountLinkEntity link, String username, String store, boolean lockedOut) {
        this.link = link;
        this.username = username;
        this.store = store;
        this.lockedOut = lockedOut;
    }

    public String getId() { return link.getId(); }
    public String getUsername() { return username; }
    /** The federation provider's name; null for the realm's own users. */
    public String getStore() { return store; }
    public String getLinkedAt() { return WHEN.format(Instant.ofEpochMilli(link.getLinkedAt())); }
    public String getLinkedBy() { return link.getLinkedBy(); }
    public boolean isAllowAuthentication() { return link.isAllowAuthentication(); }
    public boolean isLockedOut() { return lockedOut; }
}
