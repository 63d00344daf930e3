package dev.overcast.clouds.crosscloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.compute.v1.ExternalVpnGateway;
import com.google.cloud.compute.v1.ExternalVpnGatewayInterface;
import com.google.cloud.compute.v1.ExternalVpnGatewaysClient;
import com.google.cloud.compute.v1.ExternalVpnGatewaysSettings;
import com.google.cloud.compute.v1.Router;
import com.google.cloud.compute.v1.RoutersClient;
import com.google.cloud.compute.v1.RoutersSettings;
import com.google.cloud.compute.v1.VpnTunnel;
import com.google.cloud.compute.v1.VpnTunnelsClient;
import com.google.cloud.compute.v1.VpnTunnelsSettings;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.clouds.aws.AwsAdapter;
import dev.overcast.clouds.gcp.GcpAdapter;
import dev.overcast.clouds.gcp.internal.ComputeNames;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.MachinePool;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Google's HA VPN topology for AWS, end to end: the planner's VPN resources of an AWS–GCP cluster built
 * through both adapters in one cloudsim (AWS: VGW, two customer gateways, two VPN connections; GCP: HA VPN
 * gateway, one external gateway, two tunnel resources), then read back with plain clients.
 */
class HaVpnToAwsTest {

    /** As long as a spec allows, so the longest Compute names (a tunnel's BGP peer) must still fit. */
    private static final String CLUSTER = "ha-vpn-cluster-named-to-the-forty-limitx";
    private static final String ACCOUNT = CloudSimAccounts.AWS_ACCOUNT;
    private static final String PROJECT = CloudSimAccounts.GCP_PROJECT;
    private static final Duration SETTLE_STEP = Duration.ofMinutes(3);
    private static final int MAX_ROUNDS = 40;
    private static final SecretResolver SECRETS = reference -> "haPsk_0123456789";
    private static final Set<ResourceKind> VPN_PATH = Set.of(
            ResourceKind.NETWORK, ResourceKind.VPN_GATEWAY, ResourceKind.PEER_GATEWAY, ResourceKind.VPN_TUNNEL);

    private static CloudSimAccounts clouds;
    private static CloudSim sim;
    private static AwsAdapter aws;
    private static GcpAdapter gcp;
    private static Plan plan;
    private static final Map<String, Observation> observed = new HashMap<>();

    @BeforeAll
    static void buildBothSides() {
        clouds = CloudSimAccounts.start(SECRETS);
        sim = clouds.sim;
        aws = clouds.aws;
        gcp = clouds.gcp;
        plan = Planner.standard().plan(new ClusterSpec(CLUSTER, List.of("aws", "gcp"), null, "us-east", new MachinePool(1, "small"), null, null, null));
        plan.creationOrder().stream().filter(r -> VPN_PATH.contains(r.kind())).forEach(HaVpnToAwsTest::ensure);
    }

    @AfterAll
    static void close() {
        clouds.close();
    }

    @Test
    void awsConnections_shouldCarryThePlannedInsideCidrs_forBothTunnels() {
        for (String name : List.of(CLUSTER + "-vpn-tunnel-aws-gcp", CLUSTER + "-vpn-tunnel-aws-gcp-1")) {
            Resource planned = plan.byName().get(name);
            assertThat(observed.get(name).attributes())
                    .containsEntry(Attributes.INSIDE_CIDR, planned.attribute(Attributes.INSIDE_CIDR))
                    .containsEntry(Attributes.SECONDARY_INSIDE_CIDR, planned.attribute(Attributes.SECONDARY_INSIDE_CIDR));
        }
    }

    @Test
    void gcp_shouldRunFourTunnels_againstAFourIpGatewayHoldingEveryAwsOutsideAddress() throws IOException {
        List<String> awsOutside = new ArrayList<>();
        for (String name : List.of(CLUSTER + "-vpn-tunnel-aws-gcp", CLUSTER + "-vpn-tunnel-aws-gcp-1")) {
            awsOutside.add(observed.get(name).attribute(Outputs.PUBLIC_IP));
            awsOutside.add(observed.get(name).attribute(Outputs.SECONDARY_PUBLIC_IP));
        }
        String region = plan.byName().get(CLUSTER + "-vpn-gateway-gcp").region();
        try (ExternalVpnGatewaysClient externalGateways = ExternalVpnGatewaysClient.create(settings(ExternalVpnGatewaysSettings.newBuilder()).build());
             VpnTunnelsClient tunnels = VpnTunnelsClient.create(settings(VpnTunnelsSettings.newBuilder()).build());
             RoutersClient routers = RoutersClient.create(settings(RoutersSettings.newBuilder()).build())) {
            ExternalVpnGateway external = externalGateways.get(PROJECT, CLUSTER + "-peer-gateway-gcp-aws");
            assertThat(external.getRedundancyType()).isEqualTo("FOUR_IPS_REDUNDANCY");
            assertThat(external.getInterfacesList().stream().sorted(Comparator.comparing(ExternalVpnGatewayInterface::getId))
                    .map(ExternalVpnGatewayInterface::getIpAddress)).containsExactlyElementsOf(awsOutside).doesNotHaveDuplicates();

            List<VpnTunnel> built = StreamSupport.stream(tunnels.list(PROJECT, region).iterateAll().spliterator(), false)
                    .sorted(Comparator.comparing(VpnTunnel::getName)).toList();
            assertThat(built).extracting(VpnTunnel::getName, VpnTunnel::getVpnGatewayInterface, VpnTunnel::getPeerExternalGatewayInterface)
                    .containsExactly(
                            tuple(ComputeNames.fit(CLUSTER + "-vpn-tunnel-gcp-aws-0"), 0, 0),
                            tuple(ComputeNames.fit(CLUSTER + "-vpn-tunnel-gcp-aws-1"), 0, 1),
                            tuple(ComputeNames.fit(CLUSTER + "-vpn-tunnel-gcp-aws-1-0"), 1, 2),
                            tuple(ComputeNames.fit(CLUSTER + "-vpn-tunnel-gcp-aws-1-1"), 1, 3));

            // Each GCP tunnel's BGP session sits in the /30 of the AWS tunnel it meets, AWS holding the first host.
            Router router = routers.get(PROJECT, region, CLUSTER + "-vpn-gateway-gcp-router");
            List<String> expectedRanges = new ArrayList<>();
            List<String> expectedPeers = new ArrayList<>();
            for (String name : List.of(CLUSTER + "-vpn-tunnel-aws-gcp", CLUSTER + "-vpn-tunnel-aws-gcp-1")) {
                Resource awsSide = plan.byName().get(name);
                expectedRanges.add(awsSide.attribute(Attributes.PEER_INSIDE_IP) + "/30");
                expectedRanges.add(awsSide.attribute(Attributes.SECONDARY_PEER_INSIDE_IP) + "/30");
                expectedPeers.add(awsSide.attribute(Attributes.LOCAL_INSIDE_IP));
                expectedPeers.add(awsSide.attribute(Attributes.SECONDARY_LOCAL_INSIDE_IP));
            }
            Map<String, String> ranges = new HashMap<>();
            router.getInterfacesList().forEach(i -> ranges.put(i.getName(), i.getIpRange()));
            Map<String, String> peers = new HashMap<>();
            router.getBgpPeersList().forEach(p -> peers.put(p.getName(), p.getPeerIpAddress()));
            assertThat(built.stream().map(t -> ranges.get(ComputeNames.fit(t.getName() + "-if")))).containsExactlyElementsOf(expectedRanges);
            assertThat(built.stream().map(t -> peers.get(ComputeNames.fit(t.getName() + "-peer")))).containsExactlyElementsOf(expectedPeers);
        }
    }

    @Test
    void externalGateway_shouldRefuseAnAddressCountComputeHasNoRedundancyFor() {
        Resource planned = plan.byName().get(CLUSTER + "-peer-gateway-gcp-aws");
        TreeMap<String, String> attributes = new TreeMap<>(planned.attributes());
        attributes.put(Attributes.PEER_ADDRESS_REF, "ha-vpn-tunnel-aws-gcp,ha-vpn-tunnel-aws-gcp,ha-vpn-tunnel-aws-gcp-1");
        attributes.put(Attributes.PEER_ADDRESS_OUTPUT, "publicIp,secondaryPublicIp,publicIp");
        Resource three = new Resource(CLUSTER + "-peer-gateway-gcp-three", planned.kind(), planned.cloud(), planned.region(), attributes, planned.dependsOn());

        assertThatThrownBy(() -> gcp.client(ResourceKind.PEER_GATEWAY).create(CLUSTER, three, new Dependencies(observed)))
                .isInstanceOf(TerminalCloudException.class)
                .hasMessageContaining("peerAddressRef").hasMessageContaining("1, 2 or 4 addresses");
    }

    private static <B extends com.google.api.gax.rpc.ClientSettings.Builder<?, ?>> B settings(B builder) {
        builder.setEndpoint(sim.gcpEndpoint().toString()).setCredentialsProvider(NoCredentialsProvider.create());
        return builder;
    }

    /** Creates the resource, calling again while the cloud says "not yet", then waits until it is ready, as the flows do. */
    private static void ensure(Resource resource) {
        CloudAdapter adapter = resource.cloud() == Cloud.AWS ? aws : gcp;
        Map<String, Observation> dependencies = new HashMap<>();
        resource.dependsOn().forEach(d -> dependencies.put(d, observed.get(d)));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            try {
                adapter.client(resource.kind()).create(CLUSTER, resource, new Dependencies(dependencies));
                break;
            } catch (RetryableCloudException | DependencyNotReadyException e) {
                settle();
            }
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<Observation> seen = adapter.client(resource.kind()).observe(CLUSTER, resource.region()).stream()
                    .filter(o -> o.name().equals(resource.name())).findFirst();
            if (seen.isPresent() && seen.get().state() == ResourceState.READY) {
                observed.put(resource.name(), seen.get());
                return;
            }
            settle();
        }
        throw new AssertionError(resource.name() + " not ready after " + MAX_ROUNDS + " rounds");
    }

    /** Lets time pass on both fronts (cloudsim counts eventual consistency in reads, which settling makes). */
    private static void settle() {
        sim.world().settle("aws", ACCOUNT, SETTLE_STEP);
        sim.world().settle("gcp", PROJECT, Duration.ZERO);
    }
}
