package dev.overcast.clouds.gcp.publicip;

import static dev.overcast.core.cloud.KindTimings.operation;

import com.google.cloud.compute.v1.Address;
import com.google.cloud.compute.v1.DeleteAddressRequest;
import com.google.cloud.compute.v1.InsertAddressRequest;
import com.google.cloud.compute.v1.ListAddressesRequest;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.internal.ComputeResourceClient;
import dev.overcast.clouds.gcp.internal.GcpErrors;
import dev.overcast.clouds.gcp.internal.Ownership;
import dev.overcast.clouds.gcp.internal.RequestIds;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code public-ip} kind: a regional static external address (premium tier); output {@code publicIp}. */
public final class AddressClient extends ComputeResourceClient {

    public AddressClient(ComputeClients compute) {
        super(ResourceKind.PUBLIC_IP, compute);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT.create(operation("address.create", Duration.ofSeconds(3)));
    }

    @Override
    public List<Observation> observe(String clusterId, String region) {
        List<Observation> found = new ArrayList<>();
        GcpErrors.call("addresses.list", () -> compute.addresses.list(ListAddressesRequest.newBuilder()
                .setProject(project()).setRegion(region).setFilter(Ownership.clusterLabelFilter(clusterId)).setMaxResults(PAGE).build()))
                .iterateAll().forEach(address -> {
                    String name = Ownership.resourceName(address.getLabelsMap());
                    if (name != null) {
                        ResourceState state = switch (address.getStatus()) {
                            case "RESERVED", "IN_USE" -> ResourceState.READY;
                            case "DELETING" -> ResourceState.DELETING;
                            default -> ResourceState.CREATING;
                        };
                        found.add(observed(name, region, address.getName(), state,
                                attributes(Outputs.PUBLIC_IP, address.getAddress()), address.getLabelsMap()));
                    }
                });
        return found;
    }

    @Override
    protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        String name = computeName(desired, "");
        Address address = Address.newBuilder()
                .setName(name)
                .setAddressType("EXTERNAL")
                .setNetworkTier("PREMIUM")
                .putAllLabels(Ownership.labels(clusterId, desired.name()))
                .build();
        GcpErrors.inserting("addresses.insert", RequestIds.insert(clusterId, name), id -> compute.addresses.insertCallable().call(InsertAddressRequest.newBuilder()
                .setProject(project()).setRegion(desired.region()).setAddressResource(address)
                .setRequestId(id).build()));
        return creating(clusterId, desired, Map.of());
    }

    @Override
    protected void remove(Observation observed) {
        GcpErrors.removing("addresses.delete", () -> compute.addresses.deleteCallable().call(DeleteAddressRequest.newBuilder()
                .setProject(project()).setRegion(observed.region()).setAddress(observed.cloudId()).build()));
    }
}
