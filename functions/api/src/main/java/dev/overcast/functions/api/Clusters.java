package dev.overcast.functions.api;

import dev.overcast.core.Cloud;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.store.Cluster;
import dev.overcast.store.Store;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finding the caller's own cluster by the name in the path (names are per tenant, so another tenant's
 * cluster of that name is never looked at): a name nobody has, or one that cannot exist, is simply not found.
 */
final class Clusters {
    /** openapi.yaml's ClusterId parameter pattern (a cluster name): the spec's dns-label name rule, at most 40 characters. */
    private static final Pattern ID = Pattern.compile("[a-z]([a-z0-9-]{0,38}[a-z0-9])?");

    private Clusters() {
    }

    static Cluster owned(Store store, ApiRequest request) {
        String name = request.id();
        if (!ID.matcher(name).matches()) {
            throw ApiException.notFound("no cluster " + name);
        }
        return store.clusters().findByName(request.tenant(), name)
                .orElseThrow(() -> ApiException.notFound("no cluster " + name));
    }

    static List<String> clouds(Cluster cluster) {
        return SpecReader.parseJson(cluster.spec()).cloudList().stream().map(Cloud::id).toList();
    }
}
