package dev.overcast.functions.api;

import dev.overcast.core.Cloud;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.store.Cluster;
import dev.overcast.store.Store;
import java.util.List;
import java.util.regex.Pattern;

/** Finding the caller's own cluster: another tenant's, or an id that cannot exist, is simply not found. */
final class Clusters {
    /** openapi.yaml's ClusterId pattern: the spec's dns-label name rule, at most 40 characters. */
    private static final Pattern ID = Pattern.compile("[a-z]([a-z0-9-]{0,38}[a-z0-9])?");

    private Clusters() {
    }

    static Cluster owned(Store store, ApiRequest request) {
        String id = request.id();
        if (!ID.matcher(id).matches()) {
            throw ApiException.notFound("no cluster " + id);
        }
        return store.clusters().find(id)
                .filter(cluster -> cluster.tenant().equals(request.tenant()))
                .orElseThrow(() -> ApiException.notFound("no cluster " + id));
    }

    static List<String> clouds(Cluster cluster) {
        return SpecReader.parseJson(cluster.spec()).cloudList().stream().map(Cloud::id).toList();
    }
}
