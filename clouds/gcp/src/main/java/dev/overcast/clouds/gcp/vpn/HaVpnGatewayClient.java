package dev.overcast.clouds.gcp.vpn;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.google.cloud.compute.v1.DeleteRouterRequest;
import com.google.cloud.compute.v1.DeleteVpnGatewayRequest;
import com.google.cloud.compute.v1.InsertRouterRequest;
import com.google.cloud.compute.v1.InsertVpnGatewayRequest;
import com.google.cloud.compute.v1.ListVpnGatewaysRequest;
import com.google.cloud.compute.v1.Router;
import com.google.cloud.compute.v1.RouterBgp;
import com.google.cloud.compute.v1.VpnGateway;
import com.google.cloud.compute.v1.VpnGatewayVpnGatewayInterface;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.internal.ComputeResourceClient;
import dev.overcast.clouds.gcp.internal.GcpErrors;
import dev.overcast.clouds.gcp.internal.Ownership;
import dev.overcast.clouds.gcp.internal.RequestIds;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code vpn-gateway} kind: an HA VPN gateway (two interfaces, each with its own public address:
 * outputs {@code publicIp} and {@code secondaryPublicIp}) and the Cloud Router that speaks BGP for it with
 * the plan's {@code asn}, named {@code <gateway>-router}. Ready when both exist. Compute assigns the
 * interface addresses itself, so {@code publicIpRefs} (Azure's pre-allocated addresses) is not used here.
 */
public final class HaVpnGatewayClient extends ComputeResourceClient {

    private final CloudRouters routers;

    public HaVpnGatewayClient(ComputeClients compute, CloudRouters routers) {
        super(ResourceKind.VPN_GATEWAY, compute);
        this.routers = routers;
    }

    /** The HA VPN gateway and its Cloud Router are inserted together. */
    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("vpn-gateway.create", Duration.ofMinutes(2)), operation("router.create", Duration.ofSeconds(5)))
                .delete(operation("vpn-gateway.delete", Duration.ofMinutes(1)));
    }

    @Override
    public List<Observation> observe(String clusterId, String region) {
        Map<String, VpnGateway> gateways = new LinkedHashMap<>();
        GcpErrors.call("vpnGateways.list", () -> compute.vpnGateways.list(ListVpnGatewaysRequest.newBuilder()
                .setProject(project()).setRegion(region).setFilter(Ownership.clusterLabelFilter(clusterId)).setMaxResults(PAGE).build()))
                .iterateAll().forEach(g -> {
                    String name = Ownership.resourceName(g.getLabelsMap());
                    if (name != null) {
                        gateways.put(name, g);
                    }
                });
        Map<String, Router> routersByResource = new LinkedHashMap<>();
        routers.of(clusterId, region).stream()
                .filter(r -> r.getName().equals(CloudRouters.routerName(Ownership.resourceName(Ownership.fromDescription(r.getDescription())))))
                .forEach(r -> routersByResource.put(Ownership.resourceName(Ownership.fromDescription(r.getDescription())), r));
        Set<String> names = new LinkedHashSet<>(gateways.keySet());
        names.addAll(routersByResource.keySet());
        List<Observation> found = new ArrayList<>();
        for (String name : names) {
            VpnGateway gateway = gateways.get(name);
            Router router = routersByResource.get(name);
            List<VpnGatewayVpnGatewayInterface> interfaces = gateway == null ? List.of() : gateway.getVpnInterfacesList();
            found.add(observed(name, region, name, gateway != null && router != null ? ResourceState.READY : ResourceState.CREATING,
                    attributes(
                            Attributes.ASN, router == null ? null : Integer.toUnsignedString(router.getBgp().getAsn()),
                            Attributes.NETWORK_REF, gateway == null ? null : lastSegment(gateway.getNetwork()),
                            Outputs.PUBLIC_IP, interfaces.isEmpty() ? null : interfaces.get(0).getIpAddress(),
                            Outputs.SECONDARY_PUBLIC_IP, interfaces.size() < 2 ? null : interfaces.get(1).getIpAddress()),
                    gateway != null ? gateway.getLabelsMap() : Ownership.fromDescription(router.getDescription())));
        }
        return found;
    }

    @Override
    protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        String network = globalLink("networks", dependencies.require(required(desired, Attributes.NETWORK_REF)).cloudId());
        insertGateway(clusterId, desired, network);
        insertRouter(clusterId, desired, network);
        return creating(clusterId, desired, Map.of());
    }

    /** A half-made pair (a crash between the two inserts) gets its missing part. */
    @Override
    protected Observation complete(String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        if (found.state() == ResourceState.CREATING) {
            String network = globalLink("networks", dependencies.require(required(desired, Attributes.NETWORK_REF)).cloudId());
            if (found.attribute(Outputs.PUBLIC_IP) == null) {
                insertGateway(clusterId, desired, network);
            }
            if (found.attribute(Attributes.ASN) == null) {
                insertRouter(clusterId, desired, network);
            }
        }
        return found;
    }

    @Override
    protected void remove(Observation observed) {
        GcpErrors.removing("routers.delete", () -> compute.routers.deleteCallable().call(DeleteRouterRequest.newBuilder()
                .setProject(project()).setRegion(observed.region()).setRouter(CloudRouters.routerName(observed.cloudId())).build()));
        GcpErrors.removing("vpnGateways.delete", () -> compute.vpnGateways.deleteCallable().call(DeleteVpnGatewayRequest.newBuilder()
                .setProject(project()).setRegion(observed.region()).setVpnGateway(observed.cloudId()).build()));
    }

    private void insertGateway(String clusterId, Resource desired, String network) {
        String name = computeName(desired, "");
        VpnGateway gateway = VpnGateway.newBuilder()
                .setName(name)
                .setNetwork(network)
                .setStackType("IPV4_ONLY")
                .putAllLabels(Ownership.labels(clusterId, desired.name()))
                .build();
        GcpErrors.inserting("vpnGateways.insert", RequestIds.insert(clusterId, name), id -> compute.vpnGateways.insertCallable().call(InsertVpnGatewayRequest.newBuilder()
                .setProject(project()).setRegion(desired.region()).setVpnGatewayResource(gateway)
                .setRequestId(id).build()));
    }

    private void insertRouter(String clusterId, Resource desired, String network) {
        String name = computeName(desired, CloudRouters.SUFFIX);
        long asn = asn(desired, Attributes.ASN);
        Router router = Router.newBuilder()
                .setName(name)
                .setDescription(Ownership.description(clusterId, desired.name()))
                .setNetwork(network)
                .setBgp(RouterBgp.newBuilder().setAsn((int) asn))
                .build();
        GcpErrors.inserting("routers.insert", RequestIds.insert(clusterId, name), id -> compute.routers.insertCallable().call(InsertRouterRequest.newBuilder()
                .setProject(project()).setRegion(desired.region()).setRouterResource(router)
                .setRequestId(id).build()));
    }
}
