package dev.overcast.clouds.gcp.vpn;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.invalid;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.google.cloud.compute.v1.DeleteVpnTunnelRequest;
import com.google.cloud.compute.v1.GetRouterRequest;
import com.google.cloud.compute.v1.InsertVpnTunnelRequest;
import com.google.cloud.compute.v1.ListVpnGatewaysRequest;
import com.google.cloud.compute.v1.ListVpnTunnelsRequest;
import com.google.cloud.compute.v1.PatchRouterRequest;
import com.google.cloud.compute.v1.Router;
import com.google.cloud.compute.v1.RouterBgpPeer;
import com.google.cloud.compute.v1.RouterInterface;
import com.google.cloud.compute.v1.VpnGateway;
import com.google.cloud.compute.v1.VpnTunnel;
import dev.overcast.clouds.gcp.internal.ComputeClients;
import dev.overcast.clouds.gcp.internal.ComputeNames;
import dev.overcast.clouds.gcp.internal.ComputeResourceClient;
import dev.overcast.clouds.gcp.internal.GcpErrors;
import dev.overcast.clouds.gcp.internal.Ownership;
import dev.overcast.clouds.gcp.internal.RequestIds;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.cloud.exceptions.CloudException;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.kinds.VpnTunnelView;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code vpn-tunnel} kind: two IKEv2 tunnels, each with a Cloud Router interface and BGP peer. Towards
 * AWS the plan gives {@code gatewayInterface} {@code i} and {@code peerInterfaces} {@code 2i,2i+1}: both
 * tunnels leave HA VPN interface {@code i} for the two tunnels of AWS VPN connection {@code i} (two such
 * resources make Google's four-tunnel topology for AWS). Otherwise tunnel {@code t} leaves interface
 * {@code t} and both go to the external gateway's interface 0. Tunnel 0 uses the plan's inside /30 and
 * BGP addresses, tunnel 1 the {@code secondary…} ones. Outputs: {@code publicIp} / {@code secondaryPublicIp}
 * are this side's addresses of tunnel 0 / 1; {@code tunnelStatus} is {@code UP} when both are ESTABLISHED.
 */
public final class TunnelClient extends ComputeResourceClient {

    static final int TUNNELS = 2;
    /** The most interfaces an external gateway has ({@code FOUR_IPS_REDUNDANCY}). */
    private static final int FOUR_IPS = 4;
    private static final Set<String> STARTING = Set.of("PROVISIONING", "WAITING_FOR_FULL_CONFIG", "FIRST_HANDSHAKE", "ALLOCATING_RESOURCES");

    private final SecretResolver secrets;
    private final CloudRouters routers;

    public TunnelClient(ComputeClients compute, SecretResolver secrets, CloudRouters routers) {
        super(ResourceKind.VPN_TUNNEL, compute);
        this.secrets = secrets;
        this.routers = routers;
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("vpn-tunnel.create", Duration.ofMinutes(3)))
                .delete(operation("vpn-tunnel.delete", Duration.ofMinutes(1)));
    }

    @Override
    public List<Observation> observe(String clusterId, String region) {
        Map<String, List<VpnTunnel>> byResource = new LinkedHashMap<>();
        GcpErrors.call("vpnTunnels.list", () -> compute.vpnTunnels.list(ListVpnTunnelsRequest.newBuilder()
                .setProject(project()).setRegion(region).setFilter(Ownership.clusterLabelFilter(clusterId)).setMaxResults(PAGE).build()))
                .iterateAll().forEach(t -> {
                    String name = Ownership.resourceName(t.getLabelsMap());
                    if (name != null) {
                        byResource.computeIfAbsent(name, n -> new ArrayList<>()).add(t);
                    }
                });
        if (byResource.isEmpty()) {
            return List.of();
        }
        Map<String, VpnGateway> gateways = new HashMap<>();
        GcpErrors.call("vpnGateways.list", () -> compute.vpnGateways.list(ListVpnGatewaysRequest.newBuilder()
                .setProject(project()).setRegion(region).setFilter(Ownership.clusterLabelFilter(clusterId)).setMaxResults(PAGE).build()))
                .iterateAll().forEach(g -> gateways.put(g.getName(), g));
        Map<String, Router> routersByName = new HashMap<>();
        routers.of(clusterId, region).forEach(r -> routersByName.put(r.getName(), r));
        List<Observation> found = new ArrayList<>();
        byResource.forEach((name, tunnels) -> {
            tunnels.sort(Comparator.comparing(VpnTunnel::getName));
            found.add(observation(name, region, tunnels, gateways, routersByName));
        });
        return found;
    }

    private Observation observation(String name, String region, List<VpnTunnel> tunnels, Map<String, VpnGateway> gateways,
                                    Map<String, Router> routersByName) {
        VpnTunnel first = tunnels.get(0);
        Router router = routersByName.get(lastSegment(first.getRouter()));
        Optional<RouterInterface> link = routerInterface(router, first);
        Optional<RouterBgpPeer> peer = bgpPeer(router, first);
        Optional<VpnTunnel> second = tunnels.size() < TUNNELS ? Optional.empty() : Optional.of(tunnels.get(1));
        Optional<RouterInterface> secondLink = second.flatMap(t -> routerInterface(router, t));
        boolean sessions = router != null && tunnels.stream().allMatch(t ->
                router.getBgpPeersList().stream().anyMatch(p -> p.getName().equals(peerName(t.getName()))));
        boolean established = tunnels.size() == TUNNELS && tunnels.stream().allMatch(t -> t.getStatus().equals("ESTABLISHED"));
        ResourceState state;
        if (tunnels.stream().anyMatch(t -> t.getStatus().equals("DEPROVISIONING"))) {
            state = ResourceState.DELETING;
        } else if (tunnels.stream().anyMatch(t -> t.getStatus().equals("FAILED"))) {
            state = ResourceState.FAILED;
        } else if (tunnels.size() < TUNNELS || !sessions || tunnels.stream().anyMatch(t -> STARTING.contains(t.getStatus()))) {
            state = ResourceState.CREATING;
        } else {
            // Built: a tunnel the far side has not brought up yet (NO_INCOMING_PACKETS) is ready and DOWN.
            state = ResourceState.READY;
        }
        VpnGateway gateway = gateways.get(lastSegment(first.getVpnGateway()));
        return observed(name, region, name, state, attributes(
                Attributes.GATEWAY_REF, lastSegment(first.getVpnGateway()),
                Attributes.PEER_GATEWAY_REF, lastSegment(first.getPeerExternalGateway()),
                Attributes.INSIDE_CIDR, link.map(i -> block(i.getIpRange())).orElse(null),
                Attributes.LOCAL_INSIDE_IP, link.map(i -> i.getIpRange().replaceAll("/.*", "")).orElse(null),
                Attributes.PEER_INSIDE_IP, peer.map(RouterBgpPeer::getPeerIpAddress).orElse(null),
                Attributes.SECONDARY_INSIDE_CIDR, secondLink.map(i -> block(i.getIpRange())).orElse(null),
                Attributes.SECONDARY_LOCAL_INSIDE_IP, secondLink.map(i -> i.getIpRange().replaceAll("/.*", "")).orElse(null),
                Attributes.SECONDARY_PEER_INSIDE_IP, second.flatMap(t -> bgpPeer(router, t)).map(RouterBgpPeer::getPeerIpAddress).orElse(null),
                Attributes.PEER_ASN, peer.map(p -> Integer.toUnsignedString(p.getPeerAsn())).orElse(null),
                Outputs.PUBLIC_IP, localAddress(gateway, first),
                Outputs.SECONDARY_PUBLIC_IP, tunnels.size() < TUNNELS ? null : localAddress(gateway, tunnels.get(1)),
                Outputs.TUNNEL_STATUS, established ? "UP" : "DOWN"), first.getLabelsMap());
    }

    private static Optional<RouterInterface> routerInterface(Router router, VpnTunnel tunnel) {
        return router == null ? Optional.empty()
                : router.getInterfacesList().stream().filter(i -> i.getName().equals(interfaceName(tunnel.getName()))).findFirst();
    }

    private static Optional<RouterBgpPeer> bgpPeer(Router router, VpnTunnel tunnel) {
        return router == null ? Optional.empty()
                : router.getBgpPeersList().stream().filter(p -> p.getName().equals(peerName(tunnel.getName()))).findFirst();
    }

    @Override
    protected Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        build(clusterId, desired, dependencies);
        return creating(clusterId, desired, Map.of());
    }

    @Override
    protected Observation complete(String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        if (found.state() == ResourceState.CREATING) {
            build(clusterId, desired, dependencies);
        }
        return found;
    }

    @Override
    protected void remove(Observation observed) {
        String router = CloudRouters.routerName(observed.attribute(Attributes.GATEWAY_REF));
        List<String> tunnels = new ArrayList<>();
        for (int i = 0; i < TUNNELS; i++) {
            tunnels.add(ComputeNames.fit(observed.cloudId() + "-" + i));
        }
        if (observed.attribute(Attributes.GATEWAY_REF) != null) {
            currentRouter(observed.region(), router).ifPresent(r -> patchRouter(observed.region(), r, tunnels, List.of(), List.of()));
        }
        for (String tunnel : tunnels) {
            GcpErrors.removing("vpnTunnels.delete", () -> compute.vpnTunnels.deleteCallable().call(DeleteVpnTunnelRequest.newBuilder()
                    .setProject(project()).setRegion(observed.region()).setVpnTunnel(tunnel).build()));
        }
    }

    /** Inserts whatever tunnel is missing (Compute answers alreadyExists for the others), then sets the BGP sessions. */
    private void build(String clusterId, Resource desired, Dependencies dependencies) {
        String gateway = dependencies.require(required(desired, Attributes.GATEWAY_REF)).cloudId();
        Observation peerGateway = dependencies.require(required(desired, Attributes.PEER_GATEWAY_REF));
        List<BgpLink> links = List.of(
                bgpLink(desired, Attributes.INSIDE_CIDR, Attributes.LOCAL_INSIDE_IP, Attributes.PEER_INSIDE_IP),
                bgpLink(desired, Attributes.SECONDARY_INSIDE_CIDR, Attributes.SECONDARY_LOCAL_INSIDE_IP, Attributes.SECONDARY_PEER_INSIDE_IP));
        Optional<Integer> localInterface = VpnTunnelView.gatewayInterface(desired, 1);
        // Absent, both tunnels go to interface 0 (a far side with one address).
        List<Integer> peerInterfaces = VpnTunnelView.peerInterfaces(desired, TUNNELS, FOUR_IPS - 1).orElse(List.of(0, 0));
        long peerAsn = asn(desired, Attributes.PEER_ASN);
        String router = CloudRouters.routerName(gateway);
        String secret = secrets.resolve(required(desired, Attributes.SHARED_SECRET_REF));
        List<String> names = new ArrayList<>();
        List<RouterInterface> interfaces = new ArrayList<>();
        List<RouterBgpPeer> peers = new ArrayList<>();
        for (int i = 0; i < TUNNELS; i++) {
            String name = computeName(desired, "-" + i);
            names.add(name);
            VpnTunnel tunnel = VpnTunnel.newBuilder()
                    .setName(name)
                    .setVpnGateway(regionalLink(desired.region(), "vpnGateways", gateway))
                    .setVpnGatewayInterface(localInterface.orElse(i))
                    .setPeerExternalGateway(globalLink("externalVpnGateways", peerGateway.cloudId()))
                    .setPeerExternalGatewayInterface(peerInterfaces.get(i))
                    .setRouter(regionalLink(desired.region(), "routers", router))
                    .setSharedSecret(secret)
                    .setIkeVersion(2)
                    .putAllLabels(Ownership.labels(clusterId, desired.name()))
                    .build();
            GcpErrors.inserting("vpnTunnels.insert", RequestIds.insert(clusterId, name), id -> compute.vpnTunnels.insertCallable().call(InsertVpnTunnelRequest.newBuilder()
                    .setProject(project()).setRegion(desired.region()).setVpnTunnelResource(tunnel)
                    .setRequestId(id).build()));
            interfaces.add(RouterInterface.newBuilder()
                    .setName(interfaceName(name))
                    .setIpRange(links.get(i).local() + "/30")
                    .setLinkedVpnTunnel(regionalLink(desired.region(), "vpnTunnels", name))
                    .build());
            peers.add(RouterBgpPeer.newBuilder()
                    .setName(peerName(name))
                    .setInterfaceName(interfaceName(name))
                    .setIpAddress(links.get(i).local())
                    .setPeerIpAddress(links.get(i).peer())
                    .setPeerAsn((int) peerAsn)
                    .build());
        }
        Router current = currentRouter(desired.region(), router).orElseThrow(() -> new DependencyNotReadyException(
                desired.attribute(Attributes.GATEWAY_REF), "its Cloud Router " + router + " does not exist yet"));
        patchRouter(desired.region(), current, names, interfaces, peers);
    }

    private Optional<Router> currentRouter(String region, String router) {
        try {
            return Optional.of(GcpErrors.call("routers.get", () -> compute.routers.get(GetRouterRequest.newBuilder()
                    .setProject(project()).setRegion(region).setRouter(router).build())));
        } catch (CloudException e) {
            if (GcpErrors.NOT_FOUND.equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Replaces this resource's interfaces and peers on the router (the tunnels named), keeping everyone else's. */
    private void patchRouter(String region, Router current, List<String> tunnels, List<RouterInterface> interfaces,
                             List<RouterBgpPeer> peers) {
        List<String> ownInterfaces = tunnels.stream().map(TunnelClient::interfaceName).toList();
        List<String> ownPeers = tunnels.stream().map(TunnelClient::peerName).toList();
        List<RouterInterface> keptInterfaces = new ArrayList<>(current.getInterfacesList().stream()
                .filter(i -> !ownInterfaces.contains(i.getName())).toList());
        List<RouterBgpPeer> keptPeers = new ArrayList<>(current.getBgpPeersList().stream()
                .filter(p -> !ownPeers.contains(p.getName())).toList());
        keptInterfaces.addAll(interfaces);
        keptPeers.addAll(peers);
        if (keptInterfaces.equals(current.getInterfacesList()) && keptPeers.equals(current.getBgpPeersList())) {
            return;
        }
        Router patch = Router.newBuilder().addAllInterfaces(keptInterfaces).addAllBgpPeers(keptPeers).build();
        GcpErrors.start("routers.patch", () -> compute.routers.patchCallable().call(PatchRouterRequest.newBuilder()
                .setProject(project()).setRegion(region).setRouter(current.getName()).setRouterResource(patch).build()));
    }

    private static String interfaceName(String tunnel) {
        return ComputeNames.fit(tunnel + "-if");
    }

    private static String peerName(String tunnel) {
        return ComputeNames.fit(tunnel + "-peer");
    }

    private static String localAddress(VpnGateway gateway, VpnTunnel tunnel) {
        if (gateway == null || tunnel.getVpnGatewayInterface() >= gateway.getVpnInterfacesCount()) {
            return null;
        }
        return gateway.getVpnInterfaces(tunnel.getVpnGatewayInterface()).getIpAddress();
    }

    private static String block(String ipRange) {
        IPAddress address = new IPAddressString(ipRange).getAddress();
        return address == null ? null : address.toPrefixBlock().toCanonicalString();
    }

    /** One tunnel's BGP addresses: the router interface's and the far side's, in the same /30. */
    private record BgpLink(String local, String peer) {
    }

    private static BgpLink bgpLink(Resource desired, String cidrKey, String localKey, String peerKey) {
        IPAddress block = new IPAddressString(required(desired, cidrKey)).getAddress();
        IPAddress local = new IPAddressString(required(desired, localKey)).getAddress();
        IPAddress peer = new IPAddressString(required(desired, peerKey)).getAddress();
        if (block == null || !block.isIPv4() || block.getNetworkPrefixLength() == null || block.getNetworkPrefixLength() != 30) {
            throw invalid(desired, cidrKey, "it must be an IPv4 /30");
        }
        if (local == null || !block.toPrefixBlock().contains(local)) {
            throw invalid(desired, localKey, "it must lie in " + block);
        }
        if (peer == null || !block.toPrefixBlock().contains(peer) || peer.equals(local)) {
            throw invalid(desired, peerKey, "it must lie in " + block + " and differ from the local address");
        }
        return new BgpLink(local.withoutPrefixLength().toCanonicalString(), peer.withoutPrefixLength().toCanonicalString());
    }
}
