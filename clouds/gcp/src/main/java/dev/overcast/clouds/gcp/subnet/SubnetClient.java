package dev.overcast.clouds.gcp.subnet;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.google.cloud.compute.v1.DeleteSubnetworkRequest;
import com.google.cloud.compute.v1.InsertSubnetworkRequest;
import com.google.cloud.compute.v1.ListSubnetworksRequest;
import com.google.cloud.compute.v1.Subnetwork;
import com.google.cloud.compute.v1.SubnetworkSecondaryRange;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.internal.ComputeResourceClient;
import dev.overcast.clouds.gcp.internal.GcpErrors;
import dev.overcast.clouds.gcp.internal.Ownership;
import dev.overcast.clouds.gcp.internal.RequestIds;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.kinds.SubnetView;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code subnet} kind: a regional subnetwork with the plan's range, plus one secondary range per pod
 * CIDR ({@code pods}, {@code pods-1}, …) for alias-IP pod addressing. Subnetworks are regional, so the
 * plan's {@code zone} is not read back.
 */
public final class SubnetClient extends ComputeResourceClient {

    static final String POD_RANGE = "pods";

    public SubnetClient(ComputeClients compute) {
        super(ResourceKind.SUBNET, compute);
    }

    /**
     * Compute Engine: a subnetwork's primary range can only grow ({@code subnetworks.expandIpCidrRange}),
     * never move, and belongs to its network for life; a secondary range in use cannot be changed.
     */
    @Override
    public Set<String> createOnly() {
        return Set.of(Attributes.CIDR, Attributes.POD_CIDR, Attributes.NETWORK_REF);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("subnetwork.create", Duration.ofSeconds(8)))
                .delete(operation("subnetwork.delete", Duration.ofSeconds(8)));
    }

    @Override
    public List<Observation> observe(String clusterId, String region) {
        List<Observation> found = new ArrayList<>();
        GcpErrors.call("subnetworks.list", () -> compute.subnetworks.list(ListSubnetworksRequest.newBuilder()
                .setProject(project()).setRegion(region).setFilter(Ownership.clusterDescriptionFilter(clusterId))
                .setMaxResults(PAGE).build()))
                .iterateAll().forEach(subnet -> {
                    Map<String, String> ownership = Ownership.fromDescription(subnet.getDescription());
                    String name = Ownership.resourceName(ownership);
                    if (name != null) {
                        String pods = subnet.getSecondaryIpRangesList().stream()
                                .filter(r -> r.getRangeName().startsWith(POD_RANGE))
                                .map(SubnetworkSecondaryRange::getIpCidrRange)
                                .collect(Collectors.joining(","));
                        found.add(observed(name, region, subnet.getName(), ResourceState.READY, attributes(
                                Attributes.CIDR, subnet.getIpCidrRange(),
                                Attributes.POD_CIDR, pods,
                                Attributes.NETWORK_REF, lastSegment(subnet.getNetwork())), ownership));
                    }
                });
        return found;
    }

    @Override
    protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        String name = computeName(desired, "");
        String network = dependencies.require(required(desired, Attributes.NETWORK_REF)).cloudId();
        Subnetwork.Builder subnet = Subnetwork.newBuilder()
                .setName(name)
                .setDescription(Ownership.description(clusterId, desired.name()))
                .setNetwork(globalLink("networks", network))
                .setIpCidrRange(required(desired, Attributes.CIDR))
                .setRegion(desired.region());
        List<String> pods = SubnetView.podCidrs(desired);
        for (int i = 0; i < pods.size(); i++) {
            subnet.addSecondaryIpRanges(SubnetworkSecondaryRange.newBuilder()
                    .setRangeName(i == 0 ? POD_RANGE : POD_RANGE + "-" + i).setIpCidrRange(pods.get(i)));
        }
        GcpErrors.inserting("subnetworks.insert", RequestIds.insert(clusterId, name), id -> compute.subnetworks.insertCallable().call(InsertSubnetworkRequest.newBuilder()
                .setProject(project()).setRegion(desired.region()).setSubnetworkResource(subnet.build())
                .setRequestId(id).build()));
        return creating(clusterId, desired, Map.of());
    }

    @Override
    protected void remove(Observation observed) {
        GcpErrors.removing("subnetworks.delete", () -> compute.subnetworks.deleteCallable().call(DeleteSubnetworkRequest.newBuilder()
                .setProject(project()).setRegion(observed.region()).setSubnetwork(observed.cloudId()).build()));
    }
}
