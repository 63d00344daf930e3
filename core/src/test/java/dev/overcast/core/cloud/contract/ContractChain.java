package dev.overcast.core.cloud.contract;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A realistic plan of one cloud's side of a cluster, every kind once, in dependency order: network →
 * subnet → firewall → public-ip → vpn-gateway → peer-gateway → vpn-tunnel → instance. The far side of
 * the VPN is a fake observation that publishes a public address, as the far cloud's gateway would.
 */
public final class ContractChain {

    static final String SECRET_REF = "contract/tunnel-psk";
    static final String FAR_ADDRESS = "203.0.113.10";
    /** The tunnel's own BGP address, planned on the gateway too (Azure creates its gateway with it). */
    static final String TUNNEL_INSIDE_IP = "169.254.21.1";
    static final String FIREWALL_INGRESS = "tcp:6443:10.0.0.0/8,udp:500:0.0.0.0/0";

    private final ContractTarget target;
    private final String clusterId;
    private final Map<ResourceKind, Resource> byKind = new LinkedHashMap<>();
    /** Every resource in dependency order; a cloud's extra gateway subnet is the one kind listed twice. */
    private final List<Resource> all = new ArrayList<>();
    private final Observation farGateway;

    public ContractChain(ContractTarget target, String clusterId) {
        this.target = target;
        this.clusterId = clusterId;
        Cloud cloud = target.adapter().cloud();
        Cloud far = cloud == Cloud.GCP ? Cloud.AWS : Cloud.GCP;
        String network = name(ResourceKind.NETWORK, "main");
        String subnet = name(ResourceKind.SUBNET, "a");
        String firewall = name(ResourceKind.FIREWALL, "nodes");
        String publicIp = name(ResourceKind.PUBLIC_IP, "gateway");
        String gateway = name(ResourceKind.VPN_GATEWAY, "main");
        String peer = name(ResourceKind.PEER_GATEWAY, far.id());
        String farName = clusterId + "-far-gateway";
        farGateway = new Observation(farName, ResourceKind.VPN_GATEWAY, far, "far-region", "far-1", ResourceState.READY,
                new TreeMap<>(Map.of(Outputs.PUBLIC_IP, FAR_ADDRESS)), Map.of());

        add(ResourceKind.NETWORK, network, Set.of(), Map.of(Attributes.CIDR, "10.20.0.0/16"));
        add(ResourceKind.SUBNET, subnet, Set.of(network), Map.of(
                Attributes.NETWORK_REF, network, Attributes.CIDR, "10.20.1.0/24", Attributes.ZONE, target.zone()));
        add(ResourceKind.FIREWALL, firewall, Set.of(network), Map.of(
                Attributes.NETWORK_REF, network, Attributes.INGRESS, FIREWALL_INGRESS));
        add(ResourceKind.PUBLIC_IP, publicIp, Set.of(), Map.of(Attributes.PURPOSE, "vpn-gateway"));
        Map<String, String> gatewayAttributes = new HashMap<>(Map.of(
                Attributes.NETWORK_REF, network, Attributes.ASN, "64512", Attributes.PUBLIC_IP_REFS, publicIp,
                Attributes.CUSTOM_BGP_ADDRESSES, TUNNEL_INSIDE_IP));
        Set<String> gatewayDependencies = new TreeSet<>(Set.of(network, publicIp));
        target.gatewaySubnetCidr().ifPresent(cidr -> {
            String gatewaySubnet = name(ResourceKind.SUBNET, "gateway");
            Resource subnetForGateway = new Resource(gatewaySubnet, ResourceKind.SUBNET, cloud, target.region(), new TreeMap<>(Map.of(
                    Attributes.NETWORK_REF, network, Attributes.CIDR, cidr, Attributes.PURPOSE, ResourceKind.VPN_GATEWAY.id())),
                    new TreeSet<>(Set.of(network)));
            all.add(subnetForGateway);
            gatewayAttributes.put(Attributes.SUBNET_REF, gatewaySubnet);
            gatewayDependencies.add(gatewaySubnet);
        });
        add(ResourceKind.VPN_GATEWAY, gateway, gatewayDependencies, gatewayAttributes);
        add(ResourceKind.PEER_GATEWAY, peer, Set.of(farName), Map.of(
                Attributes.PEER_CLOUD, far.id(), Attributes.PEER_ADDRESS_REF, farName,
                Attributes.PEER_ADDRESS_OUTPUT, Outputs.PUBLIC_IP, Attributes.PEER_ASN, "65010"));
        Map<String, String> tunnel = new HashMap<>();
        tunnel.put(Attributes.GATEWAY_REF, gateway);
        tunnel.put(Attributes.PEER_GATEWAY_REF, peer);
        tunnel.put(Attributes.PEER_CLOUD, far.id());
        tunnel.put(Attributes.INSIDE_CIDR, "169.254.21.0/30");
        tunnel.put(Attributes.LOCAL_INSIDE_IP, TUNNEL_INSIDE_IP);
        tunnel.put(Attributes.PEER_INSIDE_IP, "169.254.21.2");
        tunnel.put(Attributes.SECONDARY_INSIDE_CIDR, "169.254.21.4/30");
        tunnel.put(Attributes.SECONDARY_LOCAL_INSIDE_IP, "169.254.21.5");
        tunnel.put(Attributes.SECONDARY_PEER_INSIDE_IP, "169.254.21.6");
        tunnel.put(Attributes.PEER_ASN, "65010");
        tunnel.put(Attributes.SHARED_SECRET_REF, SECRET_REF);
        tunnel.put(Attributes.REMOTE_CIDRS, "10.30.0.0/16");
        add(ResourceKind.VPN_TUNNEL, name(ResourceKind.VPN_TUNNEL, far.id()), Set.of(gateway, peer), tunnel);
        Map<String, String> instance = new HashMap<>();
        instance.put(Attributes.ROLE, "master");
        instance.put(Attributes.INSTANCE_TYPE, target.instanceType());
        instance.put(Attributes.IMAGE, target.image());
        instance.put(Attributes.DISK_GB, "30");
        instance.put(Attributes.ZONE, target.zone());
        instance.put(Attributes.SUBNET_REF, subnet);
        instance.put(Attributes.FIREWALL_REF, firewall);
        instance.put(Attributes.USER_DATA, "#cloud-config\nhostname: master-0\n");
        add(ResourceKind.INSTANCE, name(ResourceKind.INSTANCE, "master-0"), Set.of(subnet, firewall), instance);
    }

    public String clusterId() {
        return clusterId;
    }

    /** Every resource, dependencies first. */
    public List<Resource> resources() {
        return List.copyOf(all);
    }

    public Resource of(ResourceKind kind) {
        return byKind.get(kind);
    }

    /** The resources {@code kind} needs, in order, ending with it. */
    public List<Resource> upTo(ResourceKind kind) {
        List<Resource> needed = new ArrayList<>();
        collect(byKind.get(kind), needed);
        return needed;
    }

    /** The dependencies of a resource out of what has been observed so far, plus the fake far side. */
    public Dependencies dependenciesOf(Resource resource, Map<String, Observation> observedByName) {
        Map<String, Observation> found = new HashMap<>();
        for (String name : resource.dependsOn()) {
            Observation o = name.equals(farGateway.name()) ? farGateway : observedByName.get(name);
            if (o != null) {
                found.put(name, o);
            }
        }
        return new Dependencies(found);
    }

    private void collect(Resource resource, List<Resource> into) {
        for (String dependency : resource.dependsOn()) {
            all.stream().filter(r -> r.name().equals(dependency)).findFirst()
                    .filter(r -> !into.contains(r))
                    .ifPresent(r -> collect(r, into));
        }
        if (!into.contains(resource)) {
            into.add(resource);
        }
    }

    private String name(ResourceKind kind, String suffix) {
        return clusterId + "-" + kind.id() + "-" + suffix;
    }

    private void add(ResourceKind kind, String name, Set<String> dependsOn, Map<String, String> attributes) {
        Map<String, String> withExtras = new TreeMap<>(attributes);
        withExtras.putAll(target.extraAttributes(kind));
        Resource resource = new Resource(name, kind, target.adapter().cloud(), target.region(), new TreeMap<>(withExtras), new TreeSet<>(dependsOn));
        byKind.put(kind, resource);
        all.add(resource);
    }
}
