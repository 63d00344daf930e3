package dev.overcast.clouds.gcp.vpn;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.invalid;

import com.google.cloud.compute.v1.DeleteExternalVpnGatewayRequest;
import com.google.cloud.compute.v1.ExternalVpnGateway;
import com.google.cloud.compute.v1.ExternalVpnGatewayInterface;
import com.google.cloud.compute.v1.InsertExternalVpnGatewayRequest;
import com.google.cloud.compute.v1.ListExternalVpnGatewaysRequest;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.internal.ComputeResourceClient;
import dev.overcast.clouds.gcp.internal.GcpErrors;
import dev.overcast.clouds.gcp.internal.Ownership;
import dev.overcast.clouds.gcp.internal.RequestIds;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.kinds.PeerGatewayView;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code peer-gateway} kind: an external VPN gateway holding the far side's public addresses.
 * Interface {@code k} is output {@code k} of {@code peerAddressOutput} read from resource {@code k} of
 * {@code peerAddressRef} (both comma-separated lists): one address is {@code SINGLE_IP_INTERNALLY_REDUNDANT}
 * (Azure), two {@code TWO_IPS_REDUNDANCY}, four {@code FOUR_IPS_REDUNDANCY} (both tunnels of both AWS
 * VPN connections). The observation reports interfaces 0/1 as {@code publicIp} / {@code secondaryPublicIp}.
 */
public final class ExternalGatewayClient extends ComputeResourceClient {

    /** Compute's redundancy type for each number of far-side addresses. */
    private static final Map<Integer, String> REDUNDANCY = Map.of(
            1, "SINGLE_IP_INTERNALLY_REDUNDANT", 2, "TWO_IPS_REDUNDANCY", 4, "FOUR_IPS_REDUNDANCY");

    public ExternalGatewayClient(ComputeClients compute) {
        super(ResourceKind.PEER_GATEWAY, compute);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT.create(operation("external-vpn-gateway.create", Duration.ofSeconds(5)));
    }

    @Override
    public List<Observation> observe(String clusterId, String region) {
        List<Observation> found = new ArrayList<>();
        GcpErrors.call("externalVpnGateways.list", () -> compute.externalVpnGateways.list(ListExternalVpnGatewaysRequest.newBuilder()
                .setProject(project()).setFilter(Ownership.clusterLabelFilter(clusterId)).setMaxResults(PAGE).build()))
                .iterateAll().forEach(gateway -> {
                    String name = Ownership.resourceName(gateway.getLabelsMap());
                    if (name != null) {
                        List<ExternalVpnGatewayInterface> interfaces = gateway.getInterfacesList();
                        found.add(observed(name, region, gateway.getName(), ResourceState.READY, attributes(
                                Outputs.PUBLIC_IP, interfaces.isEmpty() ? null : interfaces.get(0).getIpAddress(),
                                Outputs.SECONDARY_PUBLIC_IP, interfaces.size() < 2 ? null : interfaces.get(1).getIpAddress()),
                                gateway.getLabelsMap()));
                    }
                });
        return found;
    }

    @Override
    protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        String name = computeName(desired, "");
        PeerGatewayView peer = PeerGatewayView.of(desired);
        String redundancy = REDUNDANCY.get(peer.interfaces().size());
        if (redundancy == null) {
            throw invalid(desired, Attributes.PEER_ADDRESS_REF, "an external gateway has 1, 2 or 4 addresses");
        }
        List<String> addresses = peer.addresses(dependencies);
        ExternalVpnGateway.Builder gateway = ExternalVpnGateway.newBuilder()
                .setName(name)
                .setRedundancyType(redundancy)
                .putAllLabels(Ownership.labels(clusterId, desired.name()));
        for (int i = 0; i < addresses.size(); i++) {
            gateway.addInterfaces(ExternalVpnGatewayInterface.newBuilder().setId(i).setIpAddress(addresses.get(i)));
        }
        GcpErrors.inserting("externalVpnGateways.insert", RequestIds.insert(clusterId, name), id -> compute.externalVpnGateways.insertCallable().call(
                InsertExternalVpnGatewayRequest.newBuilder().setProject(project()).setExternalVpnGatewayResource(gateway.build())
                        .setRequestId(id).build()));
        return creating(clusterId, desired, Map.of());
    }

    @Override
    protected void remove(Observation observed) {
        GcpErrors.removing("externalVpnGateways.delete", () -> compute.externalVpnGateways.deleteCallable().call(
                DeleteExternalVpnGatewayRequest.newBuilder().setProject(project()).setExternalVpnGateway(observed.cloudId()).build()));
    }
}
