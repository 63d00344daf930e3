package dev.overcast.clouds.gcp.network;

import static dev.overcast.core.cloud.KindTimings.operation;

import com.google.cloud.compute.v1.DeleteNetworkRequest;
import com.google.cloud.compute.v1.InsertNetworkRequest;
import com.google.cloud.compute.v1.ListNetworksRequest;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworkRoutingConfig;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.internal.ComputeResourceClient;
import dev.overcast.clouds.gcp.internal.GcpErrors;
import dev.overcast.clouds.gcp.internal.Ownership;
import dev.overcast.clouds.gcp.internal.RequestIds;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code network} kind: a custom-mode VPC network with global dynamic routing, so routes learnt over
 * BGP in one region reach subnets in every region. Compute networks are global and have no address range
 * of their own (subnets carry the ranges), so {@code cidr} is not read back.
 */
public final class NetworkClient extends ComputeResourceClient {

    public NetworkClient(ComputeClients compute) {
        super(ResourceKind.NETWORK, compute);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("network.create", Duration.ofSeconds(10)))
                .delete(operation("network.delete", Duration.ofSeconds(10)));
    }

    @Override
    public List<Observation> observe(String clusterId, String region) {
        List<Observation> found = new ArrayList<>();
        GcpErrors.call("networks.list", () -> compute.networks.list(ListNetworksRequest.newBuilder()
                .setProject(project()).setFilter(Ownership.clusterDescriptionFilter(clusterId)).setMaxResults(PAGE).build()))
                .iterateAll().forEach(network -> {
                    Map<String, String> ownership = Ownership.fromDescription(network.getDescription());
                    String name = Ownership.resourceName(ownership);
                    if (name != null) {
                        found.add(observed(name, region, network.getName(), ResourceState.READY, Map.of(), ownership));
                    }
                });
        return found;
    }

    @Override
    protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        String name = computeName(desired, "");
        Network network = Network.newBuilder()
                .setName(name)
                .setDescription(Ownership.description(clusterId, desired.name()))
                .setAutoCreateSubnetworks(false)
                .setRoutingConfig(NetworkRoutingConfig.newBuilder().setRoutingMode("GLOBAL"))
                .build();
        GcpErrors.inserting("networks.insert", RequestIds.insert(clusterId, name), id -> compute.networks.insertCallable().call(InsertNetworkRequest.newBuilder()
                .setProject(project()).setNetworkResource(network).setRequestId(id).build()));
        return creating(clusterId, desired, Map.of());
    }

    @Override
    protected void remove(Observation observed) {
        GcpErrors.removing("networks.delete", () -> compute.networks.deleteCallable().call(DeleteNetworkRequest.newBuilder()
                .setProject(project()).setNetwork(observed.cloudId()).build()));
    }
}
