package dev.overcast.clouds.gcp.vpn;

import com.google.cloud.compute.v1.ListRoutersRequest;
import com.google.cloud.compute.v1.Router;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.internal.GcpErrors;
import dev.overcast.clouds.gcp.internal.Ownership;
import java.util.ArrayList;
import java.util.List;

/** The cluster's Cloud Routers in a region: one paged list by ownership (routers carry it in their description). */
public final class CloudRouters {

    static final String SUFFIX = "-router";
    private static final int PAGE = 500;

    private final ComputeClients compute;

    public CloudRouters(ComputeClients compute) {
        this.compute = compute;
    }

    /** The router that belongs to a {@code vpn-gateway} of that Compute name. */
    static String routerName(String gatewayName) {
        return gatewayName + SUFFIX;
    }

    List<Router> of(String clusterId, String region) {
        List<Router> routers = new ArrayList<>();
        GcpErrors.call("routers.list", () -> compute.routers.list(ListRoutersRequest.newBuilder()
                .setProject(compute.project()).setRegion(region).setFilter(Ownership.clusterDescriptionFilter(clusterId))
                .setMaxResults(PAGE).build()))
                .iterateAll().forEach(routers::add);
        return routers;
    }
}
