package dev.kcentra.standin.seed;

/**
 * How the stand-in's Graph pages: at most {@code pageSize} objects a page; with {@code emptyPages} every other page of
 * a delta round is empty (but still links on), and with {@code duplicates} each page repeats the previous page's last
 * object. Microsoft documents both: clients must follow {@code @odata.nextLink} through empty pages and treat an
 * object seen twice in a round as one.
 */
public record GraphSettings(int pageSize, boolean emptyPages, boolean duplicates) {

    public static final GraphSettings DEFAULT = new GraphSettings(Seed.DEFAULT_PAGE_SIZE, false, false);
}
