package dev.kcentra.standin.graph;

import dev.kcentra.standin.directory.TenantDirectory;

import java.util.Collection;
import java.util.List;

/** Who called Graph: the tenant of the access token and the permissions it carries (app roles or delegated scopes). */
record GraphCaller(TenantDirectory tenant, List<String> permissions, boolean application, String userId, String clientId) {

    boolean hasAny(Collection<String> wanted) {
        return permissions.stream().anyMatch(wanted::contains);
    }
}
