package dev.overcast.core.network;

import dev.overcast.core.Cloud;
import dev.overcast.core.address.AddressBlocks;
import dev.overcast.core.address.AddressDefaults;
import dev.overcast.core.region.Region;
import dev.overcast.core.region.RegionSet;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.NetworkSpec;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lays out a validated spec's address space (see {@code docs/architecture.md}, "Network plan"):
 * <ul>
 *   <li>network: the spec's CIDR for the cloud or {@link AddressDefaults#VPC_CIDRS};</li>
 *   <li>node subnets: consecutive blocks 4 bits longer than the network (clamped to /16–/24, the
 *       sizes every cloud accepts), one per zone for the first {@value #MAX_ZONES} zones on AWS and
 *       GCP, one regional subnet on Azure plus, when there are tunnels, {@code GatewaySubnet}, the
 *       network's last /27;</li>
 *   <li>pods: the cluster range split in four, a cloud taking the quarter at its {@link Cloud}
 *       position (so a cloud's range does not move when another cloud joins), then each subnet the
 *       quarter of that at its own position;</li>
 *   <li>tunnels: consecutive /30s of {@link AddressDefaults#TUNNEL_POOL}, one per BGP tunnel of a
 *       cloud pair (see {@link #rangesNeeded}), skipping any AWS reserves.</li>
 * </ul>
 * The result is checked for overlaps before it is returned.
 */
public final class Ipam {
    static final int MAX_ZONES = 3;
    private static final int GATEWAY_SUBNET_PREFIX = 27;
    private static final int TUNNEL_PREFIX = 30;
    /** Four tunnels between AWS and GCP: the most any pair needs. */
    private static final int AWS_GCP_RANGES = 4;
    /** Four slots: one per cloud for pods (three clouds), one per subnet within a cloud (three zones). */
    private static final int QUARTER_BITS = 2;

    public NetworkPlan plan(ClusterSpec spec, RegionSet regions) {
        NetworkSpec custom = spec.networkOrDefault();
        IPAddress pods = AddressBlocks.block(Objects.requireNonNullElse(custom.podCidr(), AddressDefaults.POD_CIDR));
        String services = AddressBlocks.text(AddressBlocks.block(Objects.requireNonNullElse(custom.serviceCidr(), AddressDefaults.SERVICE_CIDR)));

        Map<Cloud, CloudNetwork> clouds = new EnumMap<>(Cloud.class);
        for (Cloud cloud : spec.cloudList()) {
            clouds.put(cloud, cloudNetwork(cloud, regions.region(cloud), custom.vpcCidr(cloud), pods, spec.cloudList().size() > 1));
        }
        NetworkPlan plan = new NetworkPlan(clouds, AddressBlocks.text(pods), services, tunnels(spec.cloudList()));
        verify(plan);
        return plan;
    }

    private static CloudNetwork cloudNetwork(Cloud cloud, Region region, String cidr, IPAddress clusterPods, boolean multiCloud) {
        IPAddress network = AddressBlocks.block(cidr);
        int subnetPrefix = Math.max(16, Math.min(24, network.getNetworkPrefixLength() + 4));
        IPAddress cloudPods = AddressBlocks.nth(clusterPods, clusterPods.getNetworkPrefixLength() + QUARTER_BITS, cloud.ordinal());
        List<SubnetPlan> subnets = new ArrayList<>();
        String gatewaySubnet = null;
        if (cloud == Cloud.AZURE) {
            subnets.add(new SubnetPlan(null, AddressBlocks.text(AddressBlocks.nth(network, subnetPrefix, 0)), AddressBlocks.text(cloudPods)));
            if (multiCloud) {
                gatewaySubnet = AddressBlocks.text(AddressBlocks.last(network, GATEWAY_SUBNET_PREFIX));
            }
        } else {
            List<String> zones = region.zones().stream().limit(MAX_ZONES).toList();
            int podSlice = cloudPods.getNetworkPrefixLength() + QUARTER_BITS;
            for (int i = 0; i < zones.size(); i++) {
                subnets.add(new SubnetPlan(zones.get(i),
                        AddressBlocks.text(AddressBlocks.nth(network, subnetPrefix, i)),
                        AddressBlocks.text(AddressBlocks.nth(cloudPods, podSlice, i))));
            }
        }
        return new CloudNetwork(cloud, region.name(), AddressBlocks.text(network), AddressBlocks.text(cloudPods),
                AddressDefaults.GATEWAY_ASNS.get(cloud), subnets, gatewaySubnet);
    }

    /**
     * Every pair's /30s, dealt out in rounds so that each pair's first range does not move when
     * another pair needs more: round 0 gives every pair its first, round 1 the second to those that
     * need one, and so on.
     */
    private static List<TunnelLink> tunnels(List<Cloud> clouds) {
        IPAddress pool = AddressBlocks.block(AddressDefaults.TUNNEL_POOL);
        List<IPAddress> awsReserved = AddressDefaults.AWS_RESERVED_INSIDE_CIDRS.stream().map(AddressBlocks::block).toList();
        List<Cloud[]> pairs = new ArrayList<>();
        for (int i = 0; i < clouds.size(); i++) {
            for (int j = i + 1; j < clouds.size(); j++) {
                pairs.add(new Cloud[] {clouds.get(i), clouds.get(j)});
            }
        }
        List<List<TunnelLink.InsideRange>> ranges = new ArrayList<>();
        pairs.forEach(p -> ranges.add(new ArrayList<>()));
        long next = 0;
        for (int round = 0; round < AWS_GCP_RANGES; round++) {
            for (int p = 0; p < pairs.size(); p++) {
                Cloud[] pair = pairs.get(p);
                if (round >= rangesNeeded(pair[0], pair[1])) {
                    continue;
                }
                IPAddress inside;
                do {
                    inside = AddressBlocks.nth(pool, TUNNEL_PREFIX, next++);
                } while (isReserved(inside, awsReserved));
                IPAddress link = inside;
                if ((pair[0] == Cloud.AZURE || pair[1] == Cloud.AZURE)
                        && AddressDefaults.AZURE_APIPA_CIDRS.stream().noneMatch(r -> AddressBlocks.block(r).contains(link))) {
                    throw new IllegalStateException("tunnel " + inside + " is outside Azure's APIPA range");
                }
                IPAddress first = inside.getLower().withoutPrefixLength().increment(1);
                ranges.get(p).add(new TunnelLink.InsideRange(AddressBlocks.text(inside), first.toCanonicalString(),
                        first.increment(1).toCanonicalString()));
            }
        }
        List<TunnelLink> links = new ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            links.add(new TunnelLink(pairs.get(p)[0], pairs.get(p)[1], ranges.get(p)));
        }
        return links;
    }

    /**
     * One /30 per tunnel that runs BGP: AWS–GCP is Google's HA VPN topology for AWS (two AWS VPN
     * connections of two tunnels each); GCP builds two tunnels towards Azure too, each needing its own
     * range on the one Cloud Router; AWS–Azure uses AWS's tunnel 1 only.
     */
    static int rangesNeeded(Cloud a, Cloud b) {
        boolean gcp = a == Cloud.GCP || b == Cloud.GCP;
        boolean aws = a == Cloud.AWS || b == Cloud.AWS;
        if (gcp && aws) {
            return AWS_GCP_RANGES;
        }
        return gcp ? 2 : 1;
    }

    private static boolean isReserved(IPAddress inside, List<IPAddress> reserved) {
        return reserved.stream().anyMatch(r -> AddressBlocks.overlap(r, inside));
    }

    /** Every range against every other: the planner's own invariant, kept honest at run time. */
    private static void verify(NetworkPlan plan) {
        List<String> topLevel = new ArrayList<>();
        topLevel.add(plan.serviceCidr());
        for (CloudNetwork net : plan.clouds().values()) {
            topLevel.add(net.cidr());
            topLevel.add(net.podCidr());
            List<String> inside = new ArrayList<>(net.subnets().stream().map(SubnetPlan::cidr).toList());
            if (net.gatewaySubnetCidr() != null) {
                inside.add(net.gatewaySubnetCidr());
            }
            requireDisjoint(inside);
            inside.forEach(s -> requireWithin(s, net.cidr()));
            List<String> subnetPods = net.subnets().stream().map(SubnetPlan::podCidr).distinct().toList();
            requireDisjoint(subnetPods);
            subnetPods.forEach(p -> requireWithin(p, net.podCidr()));
        }
        plan.tunnels().forEach(t -> t.ranges().forEach(r -> topLevel.add(r.cidr())));
        requireDisjoint(topLevel);
    }

    private static void requireDisjoint(List<String> cidrs) {
        for (int i = 0; i < cidrs.size(); i++) {
            for (int j = i + 1; j < cidrs.size(); j++) {
                if (AddressBlocks.overlap(AddressBlocks.block(cidrs.get(i)), AddressBlocks.block(cidrs.get(j)))) {
                    throw new IllegalStateException("address plan overlaps: " + cidrs.get(i) + " and " + cidrs.get(j));
                }
            }
        }
    }

    private static void requireWithin(String inner, String outer) {
        if (!AddressBlocks.block(outer).contains(AddressBlocks.block(inner))) {
            throw new IllegalStateException("address plan: " + inner + " is outside " + outer);
        }
    }
}
