package dev.overcast.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.address.AddressBlocks;
import dev.overcast.core.address.AddressDefaults;
import dev.overcast.core.region.Region;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.region.RegionSet;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.MachinePool;
import dev.overcast.core.spec.NetworkSpec;
import dev.overcast.core.spec.SpecValidator;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Over random valid specs and regions: no two ranges of an address plan overlap, and tunnels follow each cloud's rules. */
class IpamPropertiesTest {
    private static final RegionCatalog CATALOG = RegionCatalog.standard();
    /** Disjoint private spaces a random range may be drawn from: the eight /11s of 10/8, 172.16/12, 192.168/16. */
    private static final List<String> SPACES = List.of(
            "10.0.0.0/11", "10.32.0.0/11", "10.64.0.0/11", "10.96.0.0/11", "10.128.0.0/11", "10.160.0.0/11",
            "10.192.0.0/11", "10.224.0.0/11", "172.16.0.0/12", "192.168.0.0/16");

    record Case(ClusterSpec spec, RegionSet regions) {
    }

    @Provide
    Arbitrary<Case> validCases() {
        Arbitrary<List<Cloud>> clouds = Arbitraries.of(Cloud.values()).set().ofMinSize(1).ofMaxSize(3)
                .map(s -> s.stream().sorted().toList());
        return Combinators.combine(clouds, Arbitraries.longs(), Arbitraries.integers().between(0, 7))
                .as((cs, seed, defaultsMask) -> randomCase(cs, new Random(seed), defaultsMask));
    }

    /** Custom ranges from distinct spaces (so they cannot clash with each other); bit i of the mask keeps default i. */
    private static Case randomCase(List<Cloud> clouds, Random random, int defaultsMask) {
        List<String> spaces = new ArrayList<>(SPACES);
        Collections.shuffle(spaces, random);
        Map<String, String> vpcs = new HashMap<>();
        int next = 0;
        for (Cloud cloud : clouds) {
            if ((defaultsMask & 1) == 0) {
                vpcs.put(cloud.id(), randomBlock(spaces.get(next++), 8, 20, random));
            }
        }
        String pods = (defaultsMask & 2) == 0 ? randomBlock(spaces.get(next++), 8, 16, random) : null;
        String services = (defaultsMask & 4) == 0 ? randomBlock(spaces.get(next), 12, 24, random) : null;
        List<Region> regions = clouds.stream().map(c -> {
            List<Region> all = CATALOG.regions(c);
            return all.get(random.nextInt(all.size()));
        }).toList();
        Map<String, String> pinned = new HashMap<>();
        regions.forEach(r -> pinned.put(r.cloud().id(), r.name()));
        ClusterSpec spec = new ClusterSpec("prop", clouds.stream().map(Cloud::id).toList(), pinned, null,
                new MachinePool(1, null), null, new NetworkSpec(vpcs, pods, services), null);
        return new Case(spec, RegionSet.of(regions, CATALOG.latency()));
    }

    private static String randomBlock(String space, int minPrefix, int maxPrefix, Random random) {
        IPAddress parent = new IPAddressString(space).getAddress();
        int prefix = Math.max(parent.getNetworkPrefixLength(), minPrefix + random.nextInt(maxPrefix - minPrefix + 1));
        long slots = 1L << (prefix - parent.getNetworkPrefixLength());
        return AddressBlocks.text(AddressBlocks.nth(parent, prefix, Math.floorMod(random.nextLong(), slots)));
    }

    private static IPAddress cidr(String text) {
        return new IPAddressString(text).getAddress();
    }

    private static boolean overlap(String a, String b) {
        return cidr(a).contains(cidr(b)) || cidr(b).contains(cidr(a));
    }

    private static void assertDisjoint(List<String> ranges) {
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                assertThat(overlap(ranges.get(i), ranges.get(j))).as("%s vs %s", ranges.get(i), ranges.get(j)).isFalse();
            }
        }
    }

    @Property(tries = 300)
    void plan_shouldNeverOverlap(@ForAll("validCases") Case c) {
        // Only specs the validator accepts (custom and default ranges may still clash with each other).
        Assume.that(SpecValidator.standard().validate(c.spec()).stream().noneMatch(v -> v.field().startsWith("network")));

        NetworkPlan plan = new Ipam().plan(c.spec(), c.regions());

        List<String> clusterWide = new ArrayList<>(List.of(plan.serviceCidr()));
        for (CloudNetwork net : plan.clouds().values()) {
            clusterWide.add(net.cidr());
            clusterWide.add(net.podCidr());
            assertThat(cidr(plan.podCidr()).contains(cidr(net.podCidr()))).isTrue();

            List<String> inNetwork = new ArrayList<>(net.subnets().stream().map(SubnetPlan::cidr).toList());
            if (net.gatewaySubnetCidr() != null) {
                inNetwork.add(net.gatewaySubnetCidr());
            }
            assertThat(net.subnets()).isNotEmpty();
            inNetwork.forEach(s -> assertThat(cidr(net.cidr()).contains(cidr(s))).as("%s in %s", s, net.cidr()).isTrue());
            assertDisjoint(inNetwork);
            List<String> subnetPods = net.subnets().stream().map(SubnetPlan::podCidr).distinct().toList();
            subnetPods.forEach(p -> assertThat(cidr(net.podCidr()).contains(cidr(p))).isTrue());
            assertDisjoint(subnetPods);
        }
        plan.tunnels().forEach(t -> t.ranges().forEach(r -> clusterWide.add(r.cidr())));
        assertDisjoint(clusterWide);
    }

    @Property(tries = 100)
    void tunnels_shouldFollowEveryCloudsRules(@ForAll("validCases") Case c) {
        Assume.that(SpecValidator.standard().validate(c.spec()).stream().noneMatch(v -> v.field().startsWith("network")));

        NetworkPlan plan = new Ipam().plan(c.spec(), c.regions());

        int clouds = plan.clouds().size();
        assertThat(plan.tunnels()).hasSize(clouds * (clouds - 1) / 2);
        for (TunnelLink t : plan.tunnels()) {
            Set<Cloud> pair = Set.of(t.first(), t.second());
            assertThat(t.ranges()).hasSize(pair.equals(Set.of(Cloud.AWS, Cloud.GCP)) ? 4 : pair.contains(Cloud.GCP) ? 2 : 1);
            for (TunnelLink.InsideRange range : t.ranges()) {
                IPAddress inside = cidr(range.cidr());
                assertThat(inside.getNetworkPrefixLength()).isEqualTo(30);
                assertThat(cidr("169.254.0.0/16").contains(inside)).isTrue();
                AddressDefaults.AWS_RESERVED_INSIDE_CIDRS.forEach(r -> assertThat(overlap(r, range.cidr())).isFalse());
                if (pair.contains(Cloud.AZURE)) {
                    assertThat(AddressDefaults.AZURE_APIPA_CIDRS).anySatisfy(apipa -> assertThat(cidr(apipa).contains(inside)).isTrue());
                }
                assertThat(List.of(range.firstIp(), range.secondIp())).allSatisfy(ip -> assertThat(inside.contains(cidr(ip))).isTrue())
                        .doesNotHaveDuplicates()
                        .doesNotContain(inside.getLower().withoutPrefixLength().toCanonicalString(),
                                inside.getUpper().withoutPrefixLength().toCanonicalString());
            }
        }
        List<Integer> asns = plan.clouds().values().stream().map(CloudNetwork::asn).toList();
        assertThat(asns).doesNotHaveDuplicates();
        plan.clouds().values().stream().filter(n -> n.cloud() != Cloud.AZURE)
                .forEach(n -> assertThat(n.asn()).isBetween(64512, 65514));
    }
}
