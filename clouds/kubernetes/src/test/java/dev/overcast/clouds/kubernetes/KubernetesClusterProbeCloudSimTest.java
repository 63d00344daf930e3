package dev.overcast.clouds.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.VirtualClock;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cluster.NodeLatency;
import dev.overcast.core.cluster.NodeStatus;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.ResourceNames;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.MachinePool;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The probe reads cloudsim's Kubernetes API with a real client: EC2 instances launched with the
 * planner's user-data become nodes as the virtual clock moves. cloudsim has only the EC2 front so
 * far, so the GCP worker's user-data runs on an EC2 instance; its node still reports GCP's region,
 * as the labels come from the user-data.
 */
class KubernetesClusterProbeCloudSimTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Plan PLAN = Planner.standard().plan(new ClusterSpec("demo", List.of("aws", "gcp"), null, "us-east",
            new MachinePool(1, "medium"), Map.of("aws", new MachinePool(1, "medium"), "gcp", new MachinePool(1, "medium")), null, "1.31"));
    private static final String MASTER = ResourceNames.master("demo", 0);
    private static final String AWS_WORKER = ResourceNames.worker("demo", Cloud.AWS, 0);
    private static final String GCP_WORKER = ResourceNames.worker("demo", Cloud.GCP, 0);

    private CloudSim sim;
    private Ec2Client ec2;
    private String subnet;
    private KubernetesClusterProbe probe;

    @BeforeEach
    void start() {
        sim = CloudSim.start(CloudSimConfig.defaults().withClock(VirtualClock.fixed(START))
                .withEventualConsistency(false).withThrottling(false));
        ec2 = Ec2Client.builder().endpointOverride(sim.awsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.10.0.0/16")).vpc().vpcId();
        subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.10.0.0/20").availabilityZone("us-east-1a")).subnet().subnetId();
        probe = KubernetesClusterProbe.at(sim.kubernetes().endpoint("demo").toString());
    }

    @AfterEach
    void stop() {
        probe.close();
        ec2.close();
        sim.close();
    }

    private String launch(String instance, String cluster) {
        String userData = PLAN.byName().get(instance).attribute(Attributes.USER_DATA);
        String address = PLAN.byName().get(instance).attribute(Attributes.STATIC_PRIVATE_IP);
        List<Tag> tags = OwnershipTags.of(Cloud.AWS, cluster, instance).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").instanceType("m6i.xlarge").minCount(1).maxCount(1)
                .subnetId(subnet).privateIpAddress(address)
                .userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build()))
                .instances().get(0).instanceId();
    }

    private void advance(Duration by) {
        sim.world().advance(by);
    }

    @Test
    void masterZero_shouldBecomeAReadyNode_threeMinutesAfterItRuns() {
        launch(MASTER, "demo");

        advance(Duration.ofSeconds(60 + 179));
        assertThat(probe.nodes()).isEmpty();

        advance(Duration.ofSeconds(1));
        assertThat(probe.nodes()).containsExactly(new NodeStatus(MASTER, true, Cloud.AWS, "us-east-1", true));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sim.kubernetes().endpoint("demo").toString()).build()).build()) {
            assertThat(client.nodes().withName(MASTER).get().getStatus().getAddresses()).extracting(NodeAddress::getType, NodeAddress::getAddress)
                    .contains(tuple("InternalIP", "10.10.0.10"));
        }
    }

    @Test
    void worker_shouldWaitForTheControlPlane_thenJoinNinetySecondsLater() {
        launch(AWS_WORKER, "demo");
        advance(Duration.ofMinutes(10));
        assertThat(probe.nodes()).as("a join with no control plane waits").isEmpty();

        launch(MASTER, "demo");
        advance(Duration.ofMinutes(4));
        assertThat(probe.nodes()).extracting(NodeStatus::name).containsExactly(MASTER);

        advance(Duration.ofSeconds(90));
        assertThat(probe.nodes()).extracting(NodeStatus::name, NodeStatus::ready, NodeStatus::controlPlane)
                .containsExactly(tuple(AWS_WORKER, true, false), tuple(MASTER, true, true));
    }

    @Test
    void instances_shouldJoinOnlyTheirOwnCluster_andOnlyWithWellFormedUserData() {
        launch(MASTER, "other");
        String broken = "#cloud-config\nruncmd:\n- [kubeadm, join, --config, /nowhere.yaml]\n";
        ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").instanceType("m6i.xlarge").minCount(1).maxCount(1).subnetId(subnet)
                .userData(Base64.getEncoder().encodeToString(broken.getBytes(StandardCharsets.UTF_8)))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key(OwnershipTags.CLUSTER).value("demo").build()).build()));
        advance(Duration.ofHours(1));

        assertThat(probe.nodes()).isEmpty();
        try (KubernetesClusterProbe other = KubernetesClusterProbe.at(sim.kubernetes().endpoint("other").toString())) {
            assertThat(other.nodes()).extracting(NodeStatus::name).containsExactly(MASTER);
        }
    }

    @Test
    void terminatedInstance_shouldGoNotReady_thenLeaveTheCluster() {
        launch(MASTER, "demo");
        String worker = launch(AWS_WORKER, "demo");
        advance(Duration.ofMinutes(6));
        assertThat(probe.nodes()).extracting(NodeStatus::ready).containsExactly(true, true);

        ec2.terminateInstances(r -> r.instanceIds(worker));
        assertThat(probe.nodes()).extracting(NodeStatus::name, NodeStatus::ready)
                .containsExactly(tuple(AWS_WORKER, false), tuple(MASTER, true));

        advance(Duration.ofSeconds(45));
        assertThat(probe.nodes()).extracting(NodeStatus::name).containsExactly(MASTER);
    }

    @Test
    void latencies_shouldBeTheWorldsModelledRoundTrips_betweenTheNodesRegions() {
        launch(MASTER, "demo");
        launch(AWS_WORKER, "demo");
        launch(GCP_WORKER, "demo");
        advance(Duration.ofMinutes(6));

        RegionCatalog catalog = RegionCatalog.standard();
        double awsGcp = catalog.rtt(catalog.find(Cloud.AWS, "us-east-1").orElseThrow(), catalog.find(Cloud.GCP, "us-east4").orElseThrow()).millis();
        assertThat(probe.nodes()).extracting(NodeStatus::name, NodeStatus::cloud, NodeStatus::region).containsExactly(
                tuple(AWS_WORKER, Cloud.AWS, "us-east-1"), tuple(GCP_WORKER, Cloud.GCP, "us-east4"), tuple(MASTER, Cloud.AWS, "us-east-1"));
        List<NodeLatency> latencies = probe.latencies();
        assertThat(latencies).extracting(NodeLatency::from, NodeLatency::to).containsExactly(
                tuple(AWS_WORKER, GCP_WORKER), tuple(AWS_WORKER, MASTER), tuple(GCP_WORKER, MASTER));
        assertThat(latencies.get(0).millis()).isCloseTo(awsGcp, within(1e-9)).isCloseTo(1.62, within(0.01));
        assertThat(latencies.get(1).millis()).isZero();
        assertThat(latencies.get(2).millis()).isCloseTo(awsGcp, within(1e-9));
    }
}
