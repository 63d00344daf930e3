package dev.overcast.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.overcast.core.Cloud;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.InvalidSpecException;
import dev.overcast.core.spec.MachinePool;
import dev.overcast.core.spec.SpecReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import java.util.TreeSet;
import java.util.Collections;

class PlannerTest {
    private static final Pattern GCP_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private final Planner planner = Planner.standard();

    private static ClusterSpec threeClouds(String name, int workersPerCloud) {
        MachinePool workers = new MachinePool(workersPerCloud, "medium");
        return new ClusterSpec(name, List.of("aws", "gcp", "azure"), null, "us-east", new MachinePool(3, "medium"),
                Map.of("aws", workers, "gcp", workers, "azure", workers), null, null);
    }

    private static Resource named(Plan plan, String name) {
        Resource r = plan.byName().get(name);
        assertThat(r).as(name).isNotNull();
        return r;
    }

    @Test
    void plan_shouldBeByteIdentical_forTheSameSpec() {
        String yaml = """
                name: demo
                clouds: [azure, gcp, aws]
                near: us-east
                masters: {count: 3}
                workers: {aws: {count: 2}, gcp: {count: 2}, azure: {count: 2}}
                """;
        String first = PlanJson.write(planner.plan(SpecReader.parseYaml(yaml)));
        String second = PlanJson.write(Planner.standard().plan(SpecReader.parseYaml(yaml)));

        assertThat(first).isEqualTo(second);
        assertThat(first).contains("\"kind\" : \"vpn-tunnel\"", "\"cloud\" : \"azure\"");
    }

    @Test
    void plan_shouldKeepEveryNameValidForGcp_atTheLongestClusterName() {
        Plan plan = planner.plan(threeClouds("a".repeat(40), 100));

        // networks, subnets (3 + 3 + nodes and gateway), firewalls, Azure's public IP, gateways,
        // peer gateways and tunnels (AWS–GCP 3 + 4, the other pairs 2 + 2 each), masters, workers
        assertThat(plan.resources()).hasSize(3 + 8 + 3 + 1 + 3 + 7 + 8 + 3 + 300);
        assertThat(plan.resources()).allSatisfy(r -> assertThat(r.name()).hasSizeLessThanOrEqualTo(63).matches(GCP_NAME));
    }

    @Test
    void plan_shouldCreateATunnelPairForEveryCloudPair() {
        Plan plan = planner.plan(threeClouds("demo", 1));

        List<String> tunnels = plan.resources().stream().filter(r -> r.kind() == ResourceKind.VPN_TUNNEL).map(Resource::name).toList();
        assertThat(tunnels).containsExactlyInAnyOrder(
                "demo-vpn-tunnel-aws-gcp", "demo-vpn-tunnel-gcp-aws",
                "demo-vpn-tunnel-aws-gcp-1", "demo-vpn-tunnel-gcp-aws-1",
                "demo-vpn-tunnel-aws-azure", "demo-vpn-tunnel-azure-aws",
                "demo-vpn-tunnel-gcp-azure", "demo-vpn-tunnel-azure-gcp");
        Resource awsToGcp = named(plan, "demo-vpn-tunnel-aws-gcp");
        Resource gcpToAws = named(plan, "demo-vpn-tunnel-gcp-aws");
        assertThat(awsToGcp.attribute(Attributes.INSIDE_CIDR)).isEqualTo(gcpToAws.attribute(Attributes.INSIDE_CIDR));
        assertThat(awsToGcp.attribute(Attributes.LOCAL_INSIDE_IP)).isEqualTo(gcpToAws.attribute(Attributes.PEER_INSIDE_IP)).isEqualTo("169.254.21.1");
        assertThat(awsToGcp.attribute(Attributes.SHARED_SECRET_REF)).isEqualTo(gcpToAws.attribute(Attributes.SHARED_SECRET_REF));
        assertThat(awsToGcp.attribute(Attributes.PEER_ASN)).isEqualTo("64513");
        assertThat(awsToGcp.attribute(Attributes.REMOTE_CIDRS)).isEqualTo("10.20.0.0/16,10.244.64.0/18");
        assertThat(awsToGcp.dependsOn()).containsExactly("demo-peer-gateway-aws-gcp", "demo-vpn-gateway-aws");
    }

    @Test
    void plan_shouldBuildGooglesFourTunnelTopology_forAnAwsGcpPair() {
        Plan plan = planner.plan(new ClusterSpec("demo", List.of("aws", "gcp"), null, "us-east", new MachinePool(1, "small"), null, null, null));

        // AWS: one customer gateway per GCP HA VPN interface, one VPN connection through each.
        for (int c = 0; c < 2; c++) {
            String suffix = c == 0 ? "" : "-1";
            assertThat(named(plan, "demo-peer-gateway-aws-gcp" + suffix).dependsOn()).containsExactly("demo-network-aws", "demo-vpn-gateway-gcp");
            assertThat(named(plan, "demo-vpn-tunnel-aws-gcp" + suffix).dependsOn())
                    .containsExactly("demo-peer-gateway-aws-gcp" + suffix, "demo-vpn-gateway-aws");
            assertThat(named(plan, "demo-vpn-tunnel-gcp-aws" + suffix).dependsOn()).containsExactly("demo-peer-gateway-gcp-aws", "demo-vpn-gateway-gcp");
            assertThat(named(plan, "demo-vpn-tunnel-gcp-aws" + suffix).attributes())
                    .containsEntry(Attributes.GATEWAY_INTERFACE, String.valueOf(c))
                    .containsEntry(Attributes.PEER_INTERFACES, (2 * c) + "," + (2 * c + 1));
        }
        assertThat(named(plan, "demo-vpn-tunnel-aws-gcp").attributes()).doesNotContainKey(Attributes.GATEWAY_INTERFACE);
        // GCP: one external gateway waiting for both AWS connections.
        assertThat(named(plan, "demo-peer-gateway-gcp-aws").dependsOn())
                .containsExactly("demo-network-gcp", "demo-vpn-tunnel-aws-gcp", "demo-vpn-tunnel-aws-gcp-1");

        // Four /30s, each shared by one AWS tunnel and the GCP tunnel meeting it, AWS holding the first host.
        List<String> keys = List.of(Attributes.INSIDE_CIDR, Attributes.LOCAL_INSIDE_IP, Attributes.PEER_INSIDE_IP,
                Attributes.SECONDARY_INSIDE_CIDR, Attributes.SECONDARY_LOCAL_INSIDE_IP, Attributes.SECONDARY_PEER_INSIDE_IP);
        assertThat(keys.stream().map(k -> named(plan, "demo-vpn-tunnel-aws-gcp").attribute(k))).containsExactly(
                "169.254.21.0/30", "169.254.21.1", "169.254.21.2", "169.254.21.4/30", "169.254.21.5", "169.254.21.6");
        assertThat(keys.stream().map(k -> named(plan, "demo-vpn-tunnel-aws-gcp-1").attribute(k))).containsExactly(
                "169.254.21.8/30", "169.254.21.9", "169.254.21.10", "169.254.21.12/30", "169.254.21.13", "169.254.21.14");
        assertThat(keys.stream().map(k -> named(plan, "demo-vpn-tunnel-gcp-aws-1").attribute(k))).containsExactly(
                "169.254.21.8/30", "169.254.21.10", "169.254.21.9", "169.254.21.12/30", "169.254.21.14", "169.254.21.13");
        assertThat(plan.network().tunnels()).singleElement().satisfies(t -> assertThat(t.ranges()).hasSize(4));
    }

    @Test
    void plan_shouldWirePeerAddressesAsDocumented() {
        Plan plan = planner.plan(threeClouds("demo", 0));

        Map<String, String> addressSource = new TreeMap<>();
        plan.resources().stream().filter(r -> r.kind() == ResourceKind.PEER_GATEWAY)
                .forEach(r -> addressSource.put(r.name(), r.attribute(Attributes.PEER_ADDRESS_REF)));
        assertThat(addressSource).containsExactlyInAnyOrderEntriesOf(Map.of(
                // far side AWS: its VPN connections' outside addresses (towards GCP both tunnels of both)
                "demo-peer-gateway-gcp-aws", "demo-vpn-tunnel-aws-gcp,demo-vpn-tunnel-aws-gcp,demo-vpn-tunnel-aws-gcp-1,demo-vpn-tunnel-aws-gcp-1",
                "demo-peer-gateway-azure-aws", "demo-vpn-tunnel-aws-azure",
                // far side GCP: the HA VPN gateway's interfaces (AWS: one customer gateway each)
                "demo-peer-gateway-aws-gcp", "demo-vpn-gateway-gcp",
                "demo-peer-gateway-aws-gcp-1", "demo-vpn-gateway-gcp",
                "demo-peer-gateway-azure-gcp", "demo-vpn-gateway-gcp",
                // far side Azure: the static public IP, before the gateway exists
                "demo-peer-gateway-aws-azure", "demo-public-ip-azure-vpn",
                "demo-peer-gateway-gcp-azure", "demo-public-ip-azure-vpn"));
        assertThat(plan.resources()).filteredOn(r -> r.kind() == ResourceKind.PEER_GATEWAY)
                .extracting(Resource::name, r -> r.attribute(Attributes.PEER_ADDRESS_OUTPUT)).containsExactlyInAnyOrder(
                        tuple("demo-peer-gateway-gcp-aws", "publicIp,secondaryPublicIp,publicIp,secondaryPublicIp"),
                        tuple("demo-peer-gateway-azure-aws", Outputs.PUBLIC_IP),
                        tuple("demo-peer-gateway-aws-gcp", Outputs.PUBLIC_IP),
                        tuple("demo-peer-gateway-aws-gcp-1", Outputs.SECONDARY_PUBLIC_IP),
                        tuple("demo-peer-gateway-azure-gcp", Outputs.PUBLIC_IP),
                        tuple("demo-peer-gateway-aws-azure", Outputs.PUBLIC_IP),
                        tuple("demo-peer-gateway-gcp-azure", Outputs.PUBLIC_IP));

        Resource azureGateway = named(plan, "demo-vpn-gateway-azure");
        assertThat(azureGateway.attributes()).containsEntry(Attributes.PUBLIC_IP_REFS, "demo-public-ip-azure-vpn")
                .containsEntry(Attributes.SUBNET_REF, "demo-subnet-azure-gateway")
                .containsEntry(Attributes.ASN, "65515")
                // every Azure tunnel's inside address, sorted as text, so no tunnel has to update the gateway
                .containsEntry(Attributes.CUSTOM_BGP_ADDRESSES, "169.254.21.10,169.254.21.6");
        assertThat(Stream.of("demo-vpn-tunnel-azure-aws", "demo-vpn-tunnel-azure-gcp").map(t -> named(plan, t).attribute(Attributes.LOCAL_INSIDE_IP)))
                .containsExactlyInAnyOrder("169.254.21.6", "169.254.21.10");
        assertThat(named(plan, "demo-vpn-gateway-aws").attributes())
                .doesNotContainKeys(Attributes.PUBLIC_IP_REFS, Attributes.SUBNET_REF, Attributes.CUSTOM_BGP_ADDRESSES);
        assertThat(plan.resources()).filteredOn(r -> r.kind() == ResourceKind.PUBLIC_IP).extracting(Resource::name)
                .containsExactly("demo-public-ip-azure-vpn");
    }

    @Test
    void plan_shouldSpreadMastersRoundRobinOverTheClouds() {
        ClusterSpec spec = new ClusterSpec("demo", List.of("gcp", "aws"), null, "us-east", new MachinePool(5, "large"), null, null, null);
        Plan plan = planner.plan(spec);

        List<Resource> masters = plan.resources().stream().filter(r -> "master".equals(r.attribute(Attributes.ROLE))).toList();
        assertThat(masters).extracting(Resource::name, Resource::cloud, r -> r.attribute(Attributes.ZONE)).containsExactly(
                tuple("demo-instance-master-0", Cloud.AWS, "us-east-1a"),
                tuple("demo-instance-master-1", Cloud.GCP, "us-east4-a"),
                tuple("demo-instance-master-2", Cloud.AWS, "us-east-1b"),
                tuple("demo-instance-master-3", Cloud.GCP, "us-east4-b"),
                tuple("demo-instance-master-4", Cloud.AWS, "us-east-1c"));
        assertThat(named(plan, "demo-instance-master-1").attributes())
                .containsEntry(Attributes.INSTANCE_TYPE, "n2-standard-8")
                .containsEntry(Attributes.SUBNET_REF, "demo-subnet-gcp-a")
                .containsEntry(Attributes.FIREWALL_REF, "demo-firewall-gcp")
                .containsKey(Attributes.USER_DATA)
                .doesNotContainKey(Attributes.STATIC_PRIVATE_IP);
    }

    @Test
    void plan_shouldPlaceWorkersPerPool_withTheirCloudsInstanceTypes() {
        Plan plan = planner.plan(threeClouds("demo", 2));

        assertThat(named(plan, "demo-instance-azure-1").attributes())
                .containsEntry(Attributes.ROLE, "worker")
                .containsEntry(Attributes.INSTANCE_TYPE, "Standard_D4s_v5")
                .containsEntry(Attributes.ZONE, "2")
                .containsEntry(Attributes.SUBNET_REF, "demo-subnet-azure-nodes");
        assertThat(named(plan, "demo-instance-aws-0").attribute(Attributes.INSTANCE_TYPE)).isEqualTo("m6i.xlarge");
    }

    @Test
    void plan_shouldHaveNoVpnForASingleCloud() {
        ClusterSpec spec = new ClusterSpec("dev", List.of("azure"), null, "tokyo", new MachinePool(1, "small"), null, null, null);
        assertThat(planner.plan(spec).resources()).extracting(Resource::kind)
                .containsOnly(ResourceKind.NETWORK, ResourceKind.SUBNET, ResourceKind.FIREWALL, ResourceKind.INSTANCE);
    }

    @Test
    void creationOrder_shouldPutEveryResourceAfterItsDependencies_andDeletionReverseIt() {
        Plan plan = planner.plan(threeClouds("demo", 2));

        List<Resource> order = plan.creationOrder();
        Set<String> created = new HashSet<>();
        for (Resource r : order) {
            assertThat(created).as(r.name()).containsAll(r.dependsOn());
            created.add(r.name());
        }
        assertThat(order).hasSameSizeAs(plan.resources());
        List<Resource> reversed = new ArrayList<>(plan.deletionOrder());
        Collections.reverse(reversed);
        assertThat(reversed).isEqualTo(order);
    }

    @Test
    void plan_shouldRefuseAnInvalidSpec_withAllViolations() {
        ClusterSpec spec = new ClusterSpec("demo", List.of("aws"), null, "us-east", new MachinePool(4, "huge"), null, null, null);
        assertThatThrownBy(() -> planner.plan(spec)).isInstanceOfSatisfying(InvalidSpecException.class,
                e -> assertThat(e.violations()).hasSize(2));
    }

    private static Resource node(String name, String... dependsOn) {
        return new Resource(name, ResourceKind.NETWORK, Cloud.AWS, "us-east-1", new TreeMap<>(), new TreeSet<>(Set.of(dependsOn)));
    }

    @Test
    void constructor_shouldRejectCycles() {
        assertThatThrownBy(() -> new Plan("c", "1.31", null, null, List.of(node("a", "c"), node("b", "a"), node("c", "b"), node("d"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plan has a dependency cycle among [a, b, c]");
    }

    @Test
    void constructor_shouldRejectDanglingDependenciesAndUndeclaredReferences() {
        assertThatThrownBy(() -> new Plan("c", "1.31", null, null, List.of(node("a", "ghost"))))
                .hasMessage("a depends on ghost, which is not in the plan");
        Resource subnet = new Resource("s", ResourceKind.SUBNET, Cloud.AWS, "us-east-1", new TreeMap<>(Map.of(Attributes.NETWORK_REF, "a")), new TreeSet<>());
        assertThatThrownBy(() -> new Plan("c", "1.31", null, null, List.of(node("a"), subnet)))
                .hasMessage("s.networkRef references a without depending on it");
    }
}
