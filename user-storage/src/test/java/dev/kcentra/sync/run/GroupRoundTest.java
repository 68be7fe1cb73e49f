package dev.kcentra.sync.run;

import dev.kcentra.sync.graph.DirectoryGroup;
import dev.kcentra.sync.graph.DirectoryGroup.MemberChange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copies of one group in a round, merged as delta-query-groups ("Paging through members in a large group") asks. */
class GroupRoundTest {

    private static final String GROUP = "2e5807ce-58f3-4a94-9b37-ffff2e085957";

    @Test
    void copiesOnDifferentPagesMergeIntoOneMembership() {
        GroupRound round = new GroupRound(true);
        round.add(List.of(new DirectoryGroup(GROUP, "LargeGroup", "Thousands", false, List.of(new MemberChange("a", false), new MemberChange("b", false)))));
        round.add(List.of(new DirectoryGroup("other", "Other", null, false, List.of())));
        round.add(List.of(new DirectoryGroup(GROUP, "LargeGroup", "Thousands", false, List.of(new MemberChange("c", false), new MemberChange("a", true)))));

        assertEquals(2, round.groups().size());
        GroupRound.MergedGroup merged = round.groups().iterator().next();
        assertEquals(Map.of("a", true, "b", false, "c", false), merged.members(), "the later copy's word on a member counts");
        assertEquals("Thousands", merged.description());
    }

    @Test
    void aCopyWithoutAPropertyDoesNotClearWhatAnotherCopyCarries() {
        GroupRound round = new GroupRound(false);
        round.add(List.of(new DirectoryGroup(GROUP, "LargeGroup", "Thousands", false, List.of())));
        round.add(List.of(new DirectoryGroup(GROUP, null, null, false, List.of(new MemberChange("c", false)))));
        GroupRound.MergedGroup merged = round.groups().iterator().next();
        assertEquals("LargeGroup", merged.displayName());
        assertEquals("Thousands", merged.description());
    }

    @Test
    void theLastCopySaysWhetherTheGroupIsRemoved() {
        GroupRound round = new GroupRound(false);
        round.add(List.of(new DirectoryGroup(GROUP, "LargeGroup", null, false, List.of())));
        round.add(List.of(new DirectoryGroup(GROUP, null, null, true, List.of())));
        assertTrue(round.groups().iterator().next().removed());
        round.add(List.of(new DirectoryGroup(GROUP, "LargeGroup", null, false, List.of())));
        assertFalse(round.groups().iterator().next().removed(), "restored later in the round");
        assertEquals(java.util.Set.of(GROUP), round.seen());
    }
}
