package dev.overcast.core.plan;

import dev.overcast.core.Cloud;
import dev.overcast.core.address.AddressBlocks;
import dev.overcast.core.bootstrap.BootstrapNode;
import dev.overcast.core.bootstrap.CloudInit;
import dev.overcast.core.bootstrap.ClusterBootstrap;
import dev.overcast.core.bootstrap.JoinSecret;
import dev.overcast.core.bootstrap.NodeRole;
import dev.overcast.core.network.CloudNetwork;
import dev.overcast.core.network.Ipam;
import dev.overcast.core.network.NetworkPlan;
import dev.overcast.core.network.SubnetPlan;
import dev.overcast.core.network.TunnelLink;
import dev.overcast.core.region.Region;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.region.RegionSelector;
import dev.overcast.core.region.RegionSet;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.InstanceCatalog;
import dev.overcast.core.spec.MachinePool;
import dev.overcast.core.spec.NetworkSpec;
import dev.overcast.core.spec.SpecValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns a spec into a {@link Plan}: validate, choose regions, lay out addresses, then one resource
 * per cloud object with the attributes and edges of {@code docs/architecture.md} (the table and
 * "Who needs whose address"). Pure and deterministic: the same spec, pins and release always give an
 * equal plan.
 *
 * <p>What it decides from the {@link Release} (regions near a hint, zones, machine types, images, the
 * default Kubernetes version, address defaults, user-data) it reports as {@link Pins}; given a
 * cluster's pins, it decides nothing of that again, so a new release never moves a recorded cluster.
 */
public final class Planner {
    /** The planner's version, recorded in the pins it writes; raise it when a release plans differently. */
    public static final int VERSION = 1;
    static final String MASTER_DISK_GB = "50";
    static final String WORKER_DISK_GB = "100";
    /** Kubernetes' API server port, open to the world so the cluster can be reached (auth is Kubernetes'). */
    private static final String API_RULE = "tcp:" + CloudInit.API_PORT + ":0.0.0.0/0";
    /** Master 0's address within its subnet: clear of the addresses every cloud keeps (AWS and Azure the first four, GCP two). */
    static final int CONTROL_PLANE_HOST = 10;

    /** A plan and the decisions it was made with: the pins it was given plus what it decided anew. */
    public record Decided(Plan plan, Pins pins) {
    }

    private final Supplier<Release> release;

    public Planner(RegionCatalog regions, InstanceCatalog instances) {
        this(Release.current(regions, instances));
    }

    public Planner(Release release) {
        this(() -> release);
    }

    /** A planner whose release can be swapped while it runs: the local world's seam for "a new release". */
    public Planner(Supplier<Release> release) {
        this.release = release;
    }

    public static Planner standard() {
        return new Planner(Release.current());
    }

    /**
     * The plan of a spec not recorded yet (a dry run, {@code overcast plan}): its resources are named
     * after the spec's name, as no cluster id has been drawn.
     *
     * @throws dev.overcast.core.spec.InvalidSpecException with every violation when the spec is invalid
     */
    public Plan plan(ClusterSpec spec) {
        return decide(spec.name(), spec, null).plan();
    }

    /**
     * The plan of the cluster {@code clusterId} (see {@code ClusterIds}) as this release decides it: every
     * resource name, tag and secret name derives from the id, never from the name, which is only unique
     * within a tenant.
     *
     * @throws dev.overcast.core.spec.InvalidSpecException with every violation when the spec is invalid
     */
    public Plan plan(String clusterId, ClusterSpec spec) {
        return decide(clusterId, spec, null).plan();
    }

    /** The plan of a recorded cluster: {@code pins} (null: none yet) win over the release's defaults. */
    public Plan plan(String clusterId, ClusterSpec spec, Pins pins) {
        return decide(clusterId, spec, pins).plan();
    }

    /** What this release decides for the spec on its own: the pins of a cluster recorded now. */
    public Pins pins(String clusterId, ClusterSpec spec) {
        return decide(clusterId, spec, null).pins();
    }

    /** @throws dev.overcast.core.spec.InvalidSpecException with every violation when the spec is invalid */
    public Decided decide(String clusterId, ClusterSpec spec, Pins pinned) {
        Release current = release.get();
        new SpecValidator(current.regions(), current.instances()).requireValid(spec);
        Pins pins = pinned == null ? new Pins(VERSION, null, null, null, null, null, null, null, null, null) : pinned;
        RegionSet regionSet = regions(current, spec, pins);
        String kubernetesVersion = Objects.requireNonNullElse(spec.kubernetesVersion(),
                Objects.requireNonNullElse(pins.kubernetesVersion(), current.kubernetesVersion()));
        NetworkPlan network = new Ipam().plan(withPinnedNetwork(spec, pins), regionSet);
        Build build = new Build(clusterId, network, current, pins);
        boolean multiCloud = spec.cloudList().size() > 1;
        for (Cloud cloud : spec.cloudList()) {
            build.cloudFoundation(cloud, regionSet.region(cloud), multiCloud);
        }
        for (TunnelLink link : network.tunnels()) {
            build.tunnelPair(link);
        }
        build.gatewayBgpAddresses();
        build.instances(spec, regionSet, kubernetesVersion);
        Plan plan = new Plan(clusterId, kubernetesVersion, regionSet, network, build.resources);
        return new Decided(plan, build.decided(pins.plannerVersion(), plan));
    }

    /**
     * The recorded region of each cloud, with its recorded zones, taken as it is: the round-trip budget was
     * met when it was chosen, and a later catalog's figures must not refuse a cluster that exists. Until
     * every cloud has one (a new cluster), regions are selected as always, within the budget, around the
     * ones the spec or the pins name.
     */
    private static RegionSet regions(Release release, ClusterSpec spec, Pins pins) {
        RegionCatalog catalog = release.regions();
        List<Cloud> clouds = spec.cloudList();
        if (!clouds.stream().allMatch(cloud -> pins.regions().containsKey(cloud.id()))) {
            Map<Cloud, String> named = new EnumMap<>(Cloud.class);
            named.putAll(spec.pinnedRegions());
            clouds.forEach(cloud -> Optional.ofNullable(pins.regions().get(cloud.id())).ifPresent(r -> named.putIfAbsent(cloud, r)));
            return new RegionSelector(catalog).select(clouds, spec.near(), named);
        }
        List<Region> recorded = new ArrayList<>();
        for (Cloud cloud : clouds) {
            String name = pins.regions().get(cloud.id());
            Region region = catalog.find(cloud, name).orElseThrow(() -> new IllegalStateException(
                    "regions." + cloud.id() + ": the recorded region " + name + " is not in this release's catalog"));
            List<String> zones = pins.zones().getOrDefault(cloud.id(), region.zones());
            recorded.add(new Region(region.cloud(), region.name(), region.display(), region.location(), zones));
        }
        return RegionSet.of(recorded, catalog.latency());
    }

    /** The spec's own ranges, else the pinned ones; what neither gives takes the address defaults. */
    private static ClusterSpec withPinnedNetwork(ClusterSpec spec, Pins pins) {
        NetworkSpec given = spec.networkOrDefault();
        Map<String, String> networks = new TreeMap<>(pins.networks());
        if (given.vpcCidrs() != null) {
            networks.putAll(given.vpcCidrs());
        }
        NetworkSpec network = new NetworkSpec(networks.isEmpty() ? null : networks,
                given.podCidr() != null ? given.podCidr() : pins.podCidr(),
                given.serviceCidr() != null ? given.serviceCidr() : pins.serviceCidr());
        return new ClusterSpec(spec.name(), spec.clouds(), spec.regions(), spec.near(), spec.masters(), spec.workers(),
                network, spec.kubernetesVersion());
    }

    /** The resources of one plan as they are added. */
    private static final class Build {
        private final String cluster;
        private final NetworkPlan network;
        private final Release release;
        private final Pins pins;
        private final List<Resource> resources = new ArrayList<>();
        private final SortedMap<String, String> instanceTypes = new TreeMap<>();
        private final SortedMap<String, String> images = new TreeMap<>();
        private final SortedMap<String, String> userData = new TreeMap<>();

        Build(String cluster, NetworkPlan network, Release release, Pins pins) {
            this.cluster = cluster;
            this.network = network;
            this.release = release;
            this.pins = pins;
        }

        /**
         * The given pins with every decision this plan made that they lacked; user-data digests of
         * the instances this plan rendered, the pinned ones kept as they were (what the instance was made with).
         */
        Pins decided(int plannerVersion, Plan plan) {
            TreeMap<String, String> regions = new TreeMap<>();
            TreeMap<String, List<String>> zones = new TreeMap<>();
            TreeMap<String, String> networks = new TreeMap<>();
            plan.regions().regions().forEach((cloud, region) -> {
                regions.put(cloud.id(), region.name());
                zones.put(cloud.id(), region.zones());
                networks.put(cloud.id(), network.cloud(cloud).cidr());
            });
            TreeMap<String, String> types = new TreeMap<>(instanceTypes);
            types.putAll(pins.instanceTypes());
            TreeMap<String, String> cloudImages = new TreeMap<>(images);
            cloudImages.putAll(pins.images());
            TreeMap<String, String> digests = new TreeMap<>(userData);
            digests.putAll(pins.userData());
            digests.keySet().retainAll(userData.keySet());
            return new Pins(plannerVersion, plan.kubernetesVersion(), regions, zones, types, cloudImages, networks,
                    network.podCidr(), network.serviceCidr(), digests);
        }

        /** Network, subnets and firewall; the VPN gateway (and what it needs) only when there is another cloud to reach. */
        void cloudFoundation(Cloud cloud, Region region, boolean multiCloud) {
            CloudNetwork net = network.cloud(cloud);
            String networkName = ResourceNames.network(cluster, cloud);
            add(networkName, ResourceKind.NETWORK, cloud, Map.of(Attributes.CIDR, net.cidr()));

            for (SubnetPlan subnet : net.subnets()) {
                Map<String, String> attributes = new TreeMap<>(Map.of(
                        Attributes.NETWORK_REF, networkName,
                        Attributes.CIDR, subnet.cidr(),
                        Attributes.POD_CIDR, subnet.podCidr()));
                if (subnet.zone() != null) {
                    attributes.put(Attributes.ZONE, subnet.zone());
                }
                add(subnetName(cloud, region, subnet), ResourceKind.SUBNET, cloud, attributes);
            }

            add(ResourceNames.firewall(cluster, cloud), ResourceKind.FIREWALL, cloud, Map.of(
                    Attributes.NETWORK_REF, networkName,
                    Attributes.INGRESS, ingress()));
            if (multiCloud) {
                vpnGateway(cloud, net, networkName);
            }
        }

        private void vpnGateway(Cloud cloud, CloudNetwork net, String networkName) {
            Map<String, String> gateway = new TreeMap<>(Map.of(
                    Attributes.NETWORK_REF, networkName,
                    Attributes.ASN, String.valueOf(net.asn())));
            if (cloud == Cloud.AZURE) {
                String gatewaySubnet = ResourceNames.gatewaySubnet(cluster, cloud);
                add(gatewaySubnet, ResourceKind.SUBNET, cloud, Map.of(
                        Attributes.NETWORK_REF, networkName,
                        Attributes.CIDR, net.gatewaySubnetCidr(),
                        Attributes.PURPOSE, ResourceKind.VPN_GATEWAY.id()));
                String publicIp = ResourceNames.gatewayPublicIp(cluster, cloud);
                // The Azure resource group is part of the network, so even a public IP waits for it.
                add(publicIp, ResourceKind.PUBLIC_IP, cloud, Map.of(
                        Attributes.PURPOSE, ResourceKind.VPN_GATEWAY.id()), networkName);
                gateway.put(Attributes.PUBLIC_IP_REFS, publicIp);
                gateway.put(Attributes.SUBNET_REF, gatewaySubnet);
            }
            add(ResourceNames.vpnGateway(cluster, cloud), ResourceKind.VPN_GATEWAY, cloud, gateway);
        }

        /**
         * Gives the Azure gateway the inside address of every tunnel through it, read from the planned
         * tunnels: ARM updates a gateway for minutes and one update at a time, so tunnels that added their
         * own addresses would wait for each other.
         */
        void gatewayBgpAddresses() {
            for (int i = 0; i < resources.size(); i++) {
                Resource gateway = resources.get(i);
                if (gateway.kind() != ResourceKind.VPN_GATEWAY || gateway.cloud() != Cloud.AZURE) {
                    continue;
                }
                String addresses = resources.stream()
                        .filter(r -> r.kind() == ResourceKind.VPN_TUNNEL && gateway.name().equals(r.attribute(Attributes.GATEWAY_REF)))
                        .map(r -> r.attribute(Attributes.LOCAL_INSIDE_IP))
                        .sorted().distinct()
                        .collect(Collectors.joining(","));
                SortedMap<String, String> attributes = new TreeMap<>(gateway.attributes());
                attributes.put(Attributes.CUSTOM_BGP_ADDRESSES, addresses);
                resources.set(i, new Resource(gateway.name(), gateway.kind(), gateway.cloud(), gateway.region(), attributes, gateway.dependsOn()));
            }
        }

        /**
         * The peer gateways and tunnels on each side of the link. AWS–GCP follows Google's HA VPN
         * topology for AWS: two AWS VPN connections, each through its own customer gateway at one GCP
         * HA VPN interface, and on GCP one external gateway holding the four AWS outside addresses with
         * a tunnel resource per connection. Every other pair: one peer gateway and tunnel per side.
         */
        void tunnelPair(TunnelLink link) {
            boolean awsGcp = Set.of(link.first(), link.second()).equals(Set.of(Cloud.AWS, Cloud.GCP));
            int connections = awsGcp ? 2 : 1;
            for (Cloud on : List.of(link.first(), link.second())) {
                Cloud towards = on == link.first() ? link.second() : link.first();
                List<String> peerGateways = new ArrayList<>();
                if (awsGcp && on == Cloud.AWS) {
                    String gcpGateway = ResourceNames.vpnGateway(cluster, towards);
                    peerGateways.add(peerGateway(on, towards, 0, gcpGateway, Outputs.PUBLIC_IP));
                    peerGateways.add(peerGateway(on, towards, 1, gcpGateway, Outputs.SECONDARY_PUBLIC_IP));
                } else {
                    String peerGateway = peerGateway(on, towards, 0,
                            String.join(",", farAddressSources(on, towards)), String.join(",", farAddressOutputs(on, towards)));
                    peerGateways.addAll(Collections.nCopies(connections, peerGateway));
                }
                for (int c = 0; c < connections; c++) {
                    tunnel(link, on, towards, c, peerGateways.get(c), awsGcp && on == Cloud.GCP);
                }
            }
        }

        private String peerGateway(Cloud on, Cloud towards, int index, String addressSources, String addressOutputs) {
            String name = ResourceNames.peerGateway(cluster, on, towards, index);
            add(name, ResourceKind.PEER_GATEWAY, on, Map.of(
                    Attributes.PEER_CLOUD, towards.id(),
                    Attributes.PEER_ADDRESS_REF, addressSources,
                    Attributes.PEER_ADDRESS_OUTPUT, addressOutputs,
                    Attributes.PEER_ASN, String.valueOf(network.cloud(towards).asn())),
                    ResourceNames.network(cluster, on));
            return name;
        }

        /**
         * Tunnel resource {@code index} on {@code on}: its first BGP tunnel uses the link's range
         * {@code 2·index}, a second one (AWS's tunnel 2, GCP's second tunnel; Azure runs BGP on one)
         * range {@code 2·index + 1} when the link has it.
         */
        private void tunnel(TunnelLink link, Cloud on, Cloud towards, int index, String peerGateway, boolean onInterface) {
            CloudNetwork far = network.cloud(towards);
            int primary = 2 * index;
            Map<String, String> attributes = new TreeMap<>(Map.of(
                    Attributes.GATEWAY_REF, ResourceNames.vpnGateway(cluster, on),
                    Attributes.PEER_GATEWAY_REF, peerGateway,
                    Attributes.PEER_CLOUD, towards.id(),
                    Attributes.INSIDE_CIDR, link.range(primary).cidr(),
                    Attributes.LOCAL_INSIDE_IP, link.insideIp(on, primary),
                    Attributes.PEER_INSIDE_IP, link.peerInsideIp(on, primary),
                    Attributes.PEER_ASN, String.valueOf(far.asn()),
                    Attributes.SHARED_SECRET_REF, ResourceNames.sharedSecret(cluster, link.first(), link.second()),
                    Attributes.REMOTE_CIDRS, Stream.of(far.cidr(), far.podCidr()).sorted().collect(Collectors.joining(","))));
            if (on != Cloud.AZURE && link.ranges().size() > primary + 1) {
                attributes.put(Attributes.SECONDARY_INSIDE_CIDR, link.range(primary + 1).cidr());
                attributes.put(Attributes.SECONDARY_LOCAL_INSIDE_IP, link.insideIp(on, primary + 1));
                attributes.put(Attributes.SECONDARY_PEER_INSIDE_IP, link.peerInsideIp(on, primary + 1));
            }
            if (onInterface) {
                attributes.put(Attributes.GATEWAY_INTERFACE, String.valueOf(index));
                attributes.put(Attributes.PEER_INTERFACES, primary + "," + (primary + 1));
            }
            add(ResourceNames.vpnTunnel(cluster, on, towards, index), ResourceKind.VPN_TUNNEL, on, attributes);
        }

        /**
         * The resources whose outputs are {@code towards}'s addresses, as seen from {@code on}, one per
         * address in interface order: AWS hands out outside addresses only with its VPN connections
         * (towards GCP two connections of two tunnels each), GCP's HA VPN gateway has its own, Azure's is
         * the static public IP allocated before its gateway.
         */
        private List<String> farAddressSources(Cloud on, Cloud towards) {
            return switch (towards) {
                case AWS -> on == Cloud.GCP
                        ? List.of(ResourceNames.vpnTunnel(cluster, towards, on, 0), ResourceNames.vpnTunnel(cluster, towards, on, 0),
                                ResourceNames.vpnTunnel(cluster, towards, on, 1), ResourceNames.vpnTunnel(cluster, towards, on, 1))
                        : List.of(ResourceNames.vpnTunnel(cluster, towards, on));
                case GCP -> List.of(ResourceNames.vpnGateway(cluster, towards));
                case AZURE -> List.of(ResourceNames.gatewayPublicIp(cluster, towards));
            };
        }

        /** The output of each of {@link #farAddressSources}: both outside addresses of each AWS connection, else {@code publicIp}. */
        private List<String> farAddressOutputs(Cloud on, Cloud towards) {
            return towards == Cloud.AWS && on == Cloud.GCP
                    ? List.of(Outputs.PUBLIC_IP, Outputs.SECONDARY_PUBLIC_IP, Outputs.PUBLIC_IP, Outputs.SECONDARY_PUBLIC_IP)
                    : List.of(Outputs.PUBLIC_IP);
        }

        /**
         * Masters round-robin over the clouds, then each cloud's workers. Master 0 (first cloud, first
         * subnet) gets the static address {@value #CONTROL_PLANE_HOST} of its subnet: the control-plane
         * endpoint every node's user-data names must be known before any instance exists.
         */
        void instances(ClusterSpec spec, RegionSet regionSet, String kubernetesVersion) {
            List<Cloud> clouds = spec.cloudList();
            MachinePool masters = spec.masters();
            String controlPlane = AddressBlocks.host(network.cloud(clouds.get(0)).subnets().get(0).cidr(), CONTROL_PLANE_HOST);
            ClusterBootstrap bootstrap = new ClusterBootstrap(cluster, kubernetesVersion, controlPlane,
                    network.podCidr(), network.serviceCidr(), JoinSecret.reference(cluster));
            for (int i = 0; i < masters.countOrZero(); i++) {
                Cloud cloud = clouds.get(i % clouds.size());
                NodeRole role = i == 0 ? NodeRole.INIT : NodeRole.CONTROL_PLANE;
                instance(bootstrap, ResourceNames.master(cluster, i), role, cloud, regionSet.region(cloud),
                        masters.sizeOrDefault(), MASTER_DISK_GB, i / clouds.size());
            }
            for (Cloud cloud : clouds) {
                MachinePool pool = spec.workers(cloud);
                for (int i = 0; i < pool.countOrZero(); i++) {
                    instance(bootstrap, ResourceNames.worker(cluster, cloud, i), NodeRole.WORKER, cloud, regionSet.region(cloud),
                            pool.sizeOrDefault(), WORKER_DISK_GB, i);
                }
            }
        }

        /** One instance; {@code slot} spreads a cloud's instances of one role over its zones. */
        private void instance(ClusterBootstrap bootstrap, String name, NodeRole role, Cloud cloud, Region region,
                              String size, String diskGb, int slot) {
            String typeKey = Pins.instanceTypeKey(cloud.id(), size);
            String type = Optional.ofNullable(pins.instanceTypes().get(typeKey))
                    .orElseGet(() -> release.instances().resolve(cloud, size).orElseThrow());
            instanceTypes.put(typeKey, type);
            String image = Optional.ofNullable(pins.images().get(cloud.id())).orElseGet(() -> release.instances().image(cloud));
            images.put(cloud.id(), image);
            Map<String, String> attributes = new TreeMap<>(Map.of(
                    Attributes.ROLE, role == NodeRole.WORKER ? "worker" : "master",
                    Attributes.INSTANCE_TYPE, type,
                    Attributes.IMAGE, image,
                    Attributes.DISK_GB, diskGb,
                    Attributes.FIREWALL_REF, ResourceNames.firewall(cluster, cloud)));
            List<SubnetPlan> subnets = network.cloud(cloud).subnets();
            SubnetPlan subnet = subnets.get(slot % subnets.size());
            attributes.put(Attributes.SUBNET_REF, subnetName(cloud, region, subnet));
            if (subnet.zone() != null) {
                attributes.put(Attributes.ZONE, subnet.zone());
            } else if (!region.zones().isEmpty()) {
                attributes.put(Attributes.ZONE, region.zones().get(slot % region.zones().size()));
            }
            if (role == NodeRole.INIT) {
                attributes.put(Attributes.STATIC_PRIVATE_IP, bootstrap.controlPlaneAddress());
            }
            String rendered = release.userData().render(bootstrap, new BootstrapNode(name, cloud, region.name(), role));
            userData.put(name, Pins.digest(rendered));
            attributes.put(Attributes.USER_DATA, rendered);
            add(name, ResourceKind.INSTANCE, cloud, attributes);
        }

        private String subnetName(Cloud cloud, Region region, SubnetPlan subnet) {
            return subnet.zone() == null
                    ? ResourceNames.nodeSubnet(cluster, cloud)
                    : ResourceNames.zoneSubnet(cluster, cloud, region.name(), subnet.zone());
        }

        /** Everything inside the cluster's ranges may talk; the world may reach the API server. */
        private String ingress() {
            Set<String> rules = new TreeSet<>();
            network.clouds().values().forEach(n -> rules.add("all:*:" + n.cidr()));
            rules.add("all:*:" + network.podCidr());
            rules.add(API_RULE);
            return String.join(",", rules);
        }

        /** Adds a resource that depends on what its attributes reference, plus {@code extraDependencies}. */
        private void add(String name, ResourceKind kind, Cloud cloud, Map<String, String> attributes, String... extraDependencies) {
            Set<String> dependsOn = new TreeSet<>(List.of(extraDependencies));
            attributes.forEach((key, value) -> {
                if (Plan.isReference(key)) {
                    dependsOn.addAll(List.of(value.split(",")));
                }
            });
            resources.add(new Resource(name, kind, cloud, network.cloud(cloud).region(), new TreeMap<>(attributes), new TreeSet<>(dependsOn)));
        }
    }
}
