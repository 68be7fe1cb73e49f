package dev.kcentra.standin.seed;

/**
 * How the stand-in's Graph pages and meters:
 * <ul>
 *   <li>at most {@code pageSize} objects a page; with {@code emptyPages} every other page of a delta round is empty
 *   (but still links on), and with {@code duplicates} each page repeats the previous page's last object. Microsoft
 *   documents both: clients must follow {@code @odata.nextLink} through empty pages and treat an object seen twice in
 *   a round as one.</li>
 *   <li>{@code membersPerGroupCopy}: a group with more member changes in a groups-delta round comes as several copies
 *   of the same object (group-delta page).</li>
 *   <li>{@code resourceUnitsPer10s}: the identity and access service's limit per application and tenant
 *   (https://learn.microsoft.com/en-us/graph/throttling-limits#identity-and-access-service-limits); 0 takes
 *   Microsoft's by tenant size (S under 50 users 3,500, M up to 500 users 5,000, L 8,000), -1 turns metering off
 *   (a leniency, for load that is not about throttling).</li>
 * </ul>
 */
public record GraphSettings(int pageSize, boolean emptyPages, boolean duplicates, int membersPerGroupCopy,
                            int resourceUnitsPer10s) {

    /** Microsoft names no fixed figure; clients see a few hundred members per copy. */
    public static final int DEFAULT_MEMBERS_PER_GROUP_COPY = 500;
    public static final int MICROSOFT_LIMITS = 0;
    public static final int UNMETERED = -1;

    public static final GraphSettings DEFAULT = new GraphSettings(Seed.DEFAULT_PAGE_SIZE, false, false,
            DEFAULT_MEMBERS_PER_GROUP_COPY, MICROSOFT_LIMITS);

    public GraphSettings {
        if (membersPerGroupCopy < 1) {
            throw new IllegalArgumentException("membersPerGroupCopy must be at least 1, was " + membersPerGroupCopy);
        }
        if (resourceUnitsPer10s < UNMETERED) {
            throw new IllegalArgumentException("resourceUnitsPer10s must be -1 (off), 0 (Microsoft's) or a limit, was " + resourceUnitsPer10s);
        }
    }

    public GraphSettings(int pageSize, boolean emptyPages, boolean duplicates) {
        this(pageSize, emptyPages, duplicates, DEFAULT_MEMBERS_PER_GROUP_COPY, MICROSOFT_LIMITS);
    }
}
