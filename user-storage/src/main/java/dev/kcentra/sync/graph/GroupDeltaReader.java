package dev.kcentra.sync.graph;

import com.microsoft.graph.groups.delta.DeltaGetResponse;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.serialization.UntypedArray;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Walks one round of {@code /groups/delta} with {@code members@delta}; see {@link UserDeltaReader} for the rules. */
public final class GroupDeltaReader {

    static final String[] SELECT = {"displayName", "description", "members"};
    private static final String USER_TYPE = "#microsoft.graph.user";

    private final GraphServiceClient graph;

    public GroupDeltaReader(GraphServiceClient graph) {
        this.graph = graph;
    }

    @FunctionalInterface
    public interface PageHandler {
        void accept(List<DirectoryGroup> page);
    }

    /** @param deltaLink null for a full round */
    public String read(String deltaLink, PageHandler handler) {
        return DeltaRound.walk(deltaLink,
                () -> graph.groups().delta().get(request -> request.queryParameters.select = SELECT),
                link -> graph.groups().delta().withUrl(link).get(),
                DeltaGetResponse::getValue, GroupDeltaReader::toDirectoryGroup, handler::accept);
    }

    static DirectoryGroup toDirectoryGroup(Group group) {
        Map<String, Object> additional = group.getAdditionalData();
        boolean removed = additional != null && additional.get("@removed") != null;
        List<DirectoryGroup.MemberChange> members = new ArrayList<>();
        if (additional != null && additional.get("members@delta") instanceof UntypedArray array) {
            for (UntypedNode node : array.getValue()) {
                if (node instanceof UntypedObject member) {
                    Map<String, UntypedNode> fields = member.getValue();
                    String type = string(fields.get("@odata.type"));
                    String id = string(fields.get("id"));
                    // Nested groups and devices are not users; Keycloak memberships are per user.
                    if (id != null && (type == null || USER_TYPE.equals(type))) {
                        members.add(new DirectoryGroup.MemberChange(id, fields.get("@removed") != null));
                    }
                }
            }
        }
        return new DirectoryGroup(group.getId(), group.getDisplayName(), group.getDescription(), removed, members);
    }

    private static String string(UntypedNode node) {
        return node instanceof UntypedString s ? s.getValue() : null;
    }
}
