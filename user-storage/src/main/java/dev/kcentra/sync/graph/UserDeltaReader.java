package dev.kcentra.sync.graph;

import com.microsoft.graph.models.User;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.delta.DeltaGetResponse;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Walks one round of {@code /users/delta} through the Graph SDK: from scratch (a full round) or from a stored delta
 * link, page by page, and returns the round's new delta link. Throttling and outages are retried by the SDK's retry
 * handler (bounded, honouring {@code Retry-After}); what still fails becomes a {@link GraphAccessException}, and a
 * stale delta link a {@link DeltaExpiredException}.
 */
public final class UserDeltaReader {

    static final String[] SELECT = {"id", "userPrincipalName", "mail", "mobilePhone", "displayName", "givenName",
            "surname", "accountEnabled", "userType", "onPremisesImmutableId"};

    private static final String CONSISTENCY_LEVEL = "ConsistencyLevel";
    private static final String EVENTUAL = "eventual";

    private final GraphServiceClient graph;

    public UserDeltaReader(GraphServiceClient graph) {
        this.graph = graph;
    }

    @FunctionalInterface
    public interface PageHandler {
        void accept(List<DirectoryUser> page);
    }

    /** @param deltaLink null for a full round */
    public String read(String deltaLink, PageHandler handler) {
        return DeltaRound.walk(deltaLink,
                () -> graph.users().delta().get(request -> request.queryParameters.select = SELECT),
                link -> graph.users().delta().withUrl(link).get(),
                DeltaGetResponse::getValue, UserDeltaReader::toDirectoryUser, handler::accept);
    }

    /** One user with the same properties a delta round reads, or empty when Graph does not know the id. */
    public java.util.Optional<DirectoryUser> user(String id) {
        try {
            return java.util.Optional.of(toDirectoryUser(GraphCalls.call(() ->
                    graph.users().byUserId(id).get(request -> request.queryParameters.select = SELECT))));
        } catch (GraphAccessException e) {
            if (e.getCause() instanceof com.microsoft.kiota.ApiException api && api.getResponseStatusCode() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Object ids of the users in the groups, nested groups included ({@code transitiveMembers}). The OData cast to users
     * with {@code $select} and {@code $top} is an advanced query: it needs {@code ConsistencyLevel: eventual} and
     * {@code $count=true} (https://learn.microsoft.com/en-us/graph/aad-advanced-queries; the request example of
     * https://learn.microsoft.com/en-us/graph/api/group-list-transitivemembers?view=graph-rest-1.0 sends both).
     */
    public Set<String> transitiveUserMembers(List<String> groupIds) {
        Set<String> members = new HashSet<>();
        for (String groupId : groupIds) {
            com.microsoft.graph.models.UserCollectionResponse page = GraphCalls.call(() -> graph.groups().byGroupId(groupId)
                    .transitiveMembers().graphUser().get(request -> {
                        request.headers.add(CONSISTENCY_LEVEL, EVENTUAL);
                        request.queryParameters.count = true;
                        request.queryParameters.select = new String[] {"id"};
                        request.queryParameters.top = 999;
                    }));
            Set<String> followed = new HashSet<>();
            while (true) {
                if (page.getValue() != null) {
                    page.getValue().forEach(user -> members.add(user.getId()));
                }
                String next = page.getOdataNextLink();
                if (next == null) {
                    break;
                }
                DeltaRound.requireNew(followed, next);
                page = GraphCalls.call(() -> graph.groups().byGroupId(groupId).transitiveMembers().graphUser().withUrl(next)
                        .get(request -> request.headers.add(CONSISTENCY_LEVEL, EVENTUAL)));
            }
        }
        return members;
    }

    static DirectoryUser toDirectoryUser(User user) {
        Map<String, Object> additional = user.getAdditionalData();
        String removedReason = null;
        if (additional != null && additional.get("@removed") instanceof UntypedObject removed) {
            UntypedNode reason = removed.getValue().get("reason");
            removedReason = reason instanceof UntypedString s ? s.getValue() : DirectoryUser.REMOVED_DELETED;
        }
        // The SDK's parser skips JSON nulls, so a cleared property reads as null just like a never-set one: both clear.
        return new DirectoryUser(user.getId(), user.getUserPrincipalName(), user.getMail(), user.getMobilePhone(),
                user.getDisplayName(), user.getGivenName(), user.getSurname(), user.getAccountEnabled(), user.getUserType(),
                user.getOnPremisesImmutableId(), removedReason);
    }
}
