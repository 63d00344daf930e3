package dev.overcast.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.InventoryEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The flows end to end on AWS alone: DynamoDB Local, the interpreter, cloudsim's EC2 front, the real adapter. */
class AwsFlowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static LocalWorld world;
    private static Ec2Client byHand;

    @BeforeAll
    static void start() {
        world = LocalWorld.start(Path.of("../.."));
        byHand = world.ec2ByHand(REGION);
    }

    @AfterAll
    static void stop() {
        byHand.close();
        world.close();
    }

    @Test
    void createThenDestroy_shouldLeaveTheAccountAsBefore() {
        Snapshot before = snapshot();

        ExecutionResult created = flow("create-cluster", create("solo", 2));

        assertSucceeded(created);
        assertThat(world.store().clusters().get("solo").status()).isEqualTo(ClusterStatus.READY);
        assertThat(world.store().clusters().get("solo").statusReason()).startsWith("CrossCloudRtt=True");
        assertThat(world.store().locks().current("solo")).isEmpty();
        assertThat(inventory("solo")).allSatisfy(e -> assertThat(e.state()).isEqualTo(ResourceState.READY));

        assertSucceeded(flow("destroy-cluster", cluster("solo")));
        assertThat(world.store().clusters().get("solo").status()).isEqualTo(ClusterStatus.DELETED);
        assertThat(snapshot().diff(before)).isEmpty();
    }

    @Test
    void reconcileAll_shouldRepairWhatWasChangedByHand_andLeaveWhatItDoesNotOwn() {
        Snapshot before = snapshot();
        assertSucceeded(flow("create-cluster", create("fix", 2)));
        InventoryEntry subnet = emptySubnet("fix");
        InventoryEntry worker = entry("fix", "fix-instance-aws-0");
        InventoryEntry firewall = entry("fix", "fix-firewall-aws");
        String vpc = entry("fix", "fix-network-aws").cloudId();
        world.cloudSim().world().deleteByHand("aws", LocalWorld.AWS_ACCOUNT, REGION, worker.cloudId());
        byHand.deleteSubnet(r -> r.subnetId(subnet.cloudId()));
        byHand.authorizeSecurityGroupIngress(r -> r.groupId(firewall.cloudId()).ipProtocol("tcp").fromPort(22).toPort(22).cidrIp("0.0.0.0/0"));
        String extra = byHand.createSecurityGroup(r -> r.groupName("extra").description("owned, not planned").vpcId(vpc)
                .tagSpecifications(t -> t.resourceType(ResourceType.SECURITY_GROUP).tags(tags("fix", "fix-firewall-extra")))).groupId();
        String foreign = byHand.createSecurityGroup(r -> r.groupName("foreign").description("not Overcast's").vpcId(vpc)).groupId();

        assertSucceeded(flow("reconcile-all", JSON.createObjectNode().put("time", "2026-01-01T01:00:00Z")));

        assertThat(world.store().clusters().get("fix").status()).isEqualTo(ClusterStatus.READY);
        assertThat(entry("fix", subnet.name()).cloudId()).isNotEqualTo(subnet.cloudId());
        assertThat(entry("fix", "fix-instance-aws-0").cloudId()).isNotEqualTo(worker.cloudId());
        assertThat(entry("fix", "fix-firewall-aws").attributes().get("ingress")).doesNotContain("tcp:22");
        assertThat(inventory("fix")).allSatisfy(e -> assertThat(e.state()).isEqualTo(ResourceState.READY));
        assertThat(groupIds(vpc)).doesNotContain(extra).contains(foreign);
        assertThat(world.store().progress().eventsOfCluster("fix"))
                .anySatisfy(e -> assertThat(e.detail()).startsWith("fix-firewall-extra [orphan]"))
                .anySatisfy(e -> assertThat(e.detail()).startsWith(subnet.name() + " [missing]"));

        byHand.deleteSecurityGroup(r -> r.groupId(foreign));
        assertSucceeded(flow("destroy-cluster", cluster("fix")));
        assertThat(snapshot().diff(before)).isEmpty();
    }

    @Test
    void scaleWorkers_shouldAddAndRemoveWorkers() {
        Snapshot before = snapshot();
        assertSucceeded(flow("create-cluster", create("grow", 1)));

        assertSucceeded(flow("scale-workers", scale("grow", 3)));
        assertThat(workers("grow")).containsExactly("grow-instance-aws-0", "grow-instance-aws-1", "grow-instance-aws-2");

        assertSucceeded(flow("scale-workers", scale("grow", 0)));
        assertThat(workers("grow")).isEmpty();
        assertThat(world.store().clusters().get("grow").status()).isEqualTo(ClusterStatus.READY);

        assertSucceeded(flow("destroy-cluster", cluster("grow")));
        assertThat(snapshot().diff(before)).isEmpty();
    }

    @Test
    void scaleWorkers_shouldRefuseToChangeMasters() {
        assertSucceeded(flow("create-cluster", create("fixed", 0)));

        ExecutionResult refused = flow("scale-workers", scale("fixed", 1).put("masters", 3));

        assertThat(refused.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(refused.error()).isEqualTo("Overcast.Refused");
        assertThat(refused.cause()).contains("masters: the control plane is fixed after creation");
        assertSucceeded(flow("destroy-cluster", cluster("fixed")));
    }

    @Test
    void scaleWhileReconcileHoldsTheLock_shouldBeQueuedAndAppliedRightAfter() throws Exception {
        assertSucceeded(flow("create-cluster", create("busy", 1)));
        world.cloudSim().world().deleteByHand("aws", LocalWorld.AWS_ACCOUNT, REGION, entry("busy", "busy-instance-aws-0").cloudId());

        // Time stands still while this thread counts as working: the reconcile stops at its first Wait, lock held.
        world.clock().join();
        CompletableFuture<ExecutionResult> reconcile;
        ExecutionResult scaled;
        try {
            reconcile = world.start("reconcile-cluster", cluster("busy").put("purpose", "reconcile"));
            // Real time, on this thread (the one the clock counts as working), bounded so a lost reconcile fails.
            await().atMost(Duration.ofMinutes(5)).pollInSameThread().pollInterval(Duration.ofMillis(20))
                    .until(() -> world.store().locks().current("busy").isPresent());
            scaled = flow("scale-workers", scale("busy", 2));
        } finally {
            world.clock().leave();
        }

        assertSucceeded(scaled);
        assertThat(scaled.output().at("/applied/reconcile/locked").asBoolean()).isTrue();
        assertSucceeded(reconcile.get());
        assertThat(workers("busy")).containsExactly("busy-instance-aws-0", "busy-instance-aws-1");
        assertThat(world.store().changes().pending("busy")).isEmpty();
        assertThat(world.store().locks().current("busy")).isEmpty();
        assertSucceeded(flow("destroy-cluster", cluster("busy")));
    }

    @Test
    void terminalFailureMidCreate_shouldFailTheCluster_releaseTheLock_andStillDestroy() {
        Snapshot before = snapshot();
        world.cloudSim().world().faults().failNext("aws", "RunInstances", 1, "InstanceLimitExceeded");

        ExecutionResult created = flow("create-cluster", create("broken", 1));

        assertThat(created.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(created.error()).isEqualTo("Overcast.CreateFailed");
        assertThat(world.store().clusters().get("broken").status()).isEqualTo(ClusterStatus.FAILED);
        assertThat(world.store().clusters().get("broken").statusReason()).contains("InstanceLimitExceeded");
        assertThat(world.store().locks().current("broken")).isEmpty();
        assertThat(snapshot().diff(before)).isNotEmpty();

        assertSucceeded(flow("destroy-cluster", cluster("broken")));
        assertThat(snapshot().diff(before)).isEmpty();
    }

    @Test
    void concurrentCreatesOfOneName_shouldMakeOneCluster_andConcurrentReconcilesRunOnce() throws Exception {
        world.clock().join();
        CompletableFuture<ExecutionResult> first;
        CompletableFuture<ExecutionResult> second;
        try {
            first = world.start("create-cluster", create("twin", 1));
            second = world.start("create-cluster", create("twin", 1));
        } finally {
            world.clock().leave();
        }
        List<ExecutionResult> creates = List.of(first.get(), second.get());
        assertThat(creates).filteredOn(ExecutionResult::succeeded).hasSize(1);
        assertThat(creates).filteredOn(r -> !r.succeeded()).singleElement()
                .satisfies(r -> assertThat(r.error()).isIn("Overcast.LockHeld", "Overcast.Refused"));
        assertThat(world.store().clusters().list()).filteredOn(c -> c.id().equals("twin")).hasSize(1);

        world.clock().join();
        try {
            first = world.start("reconcile-cluster", cluster("twin").put("purpose", "reconcile"));
            second = world.start("reconcile-cluster", cluster("twin").put("purpose", "reconcile"));
        } finally {
            world.clock().leave();
        }
        List<ExecutionResult> reconciles = List.of(first.get(), second.get());
        assertThat(reconciles).allSatisfy(AwsFlowsTest::assertSucceeded);
        assertThat(reconciles).extracting(r -> r.output().path("locked").asBoolean()).containsExactlyInAnyOrder(true, false);
        assertSucceeded(flow("destroy-cluster", cluster("twin")));
    }

    private static ExecutionResult flow(String flow, JsonNode input) {
        Instant start = world.clock().instant();
        long calls = world.cloudSim().world().calls().total("aws");
        ExecutionResult result = world.run(flow, input);
        System.out.printf("%s %s: %s, virtual %s, %d AWS API calls%n", flow, input.path("clusterId").asText(input.at("/spec/name").asText()),
                result.status(), Duration.between(start, world.clock().instant()), world.cloudSim().world().calls().total("aws") - calls);
        return result;
    }

    private static void assertSucceeded(ExecutionResult result) {
        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode create(String name, int workers) {
        com.fasterxml.jackson.databind.node.ObjectNode input = JSON.createObjectNode().put("tenant", "t1").put("clusterId", name);
        input.putObject("spec").put("name", name).<com.fasterxml.jackson.databind.node.ObjectNode>set("clouds", JSON.createArrayNode().add("aws"))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("regions", JSON.createObjectNode().put("aws", REGION))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("masters", JSON.createObjectNode().put("count", 1).put("size", "small"))
                .putObject("workers").putObject("aws").put("count", workers).put("size", "small");
        return input;
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode cluster(String id) {
        return JSON.createObjectNode().put("clusterId", id);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode scale(String id, int workers) {
        return cluster(id).put("cloud", "aws").put("workers", workers);
    }

    private static Snapshot snapshot() {
        return world.cloudSim().world().snapshot("aws", LocalWorld.AWS_ACCOUNT);
    }

    private static List<InventoryEntry> inventory(String cluster) {
        return world.store().inventory().list(cluster);
    }

    private static InventoryEntry entry(String cluster, String name) {
        return world.store().inventory().find(cluster, name).orElseThrow(() -> new AssertionError("no inventory row " + name));
    }

    /** A subnet no instance uses: EC2 refuses to delete one with instances in it. */
    private static InventoryEntry emptySubnet(String cluster) {
        List<String> zonesInUse = inventory(cluster).stream().filter(e -> e.kind() == ResourceKind.INSTANCE)
                .map(e -> e.attributes().get("zone")).toList();
        return inventory(cluster).stream().filter(e -> e.kind() == ResourceKind.SUBNET)
                .filter(e -> !zonesInUse.contains(e.attributes().get("zone"))).findFirst()
                .orElseThrow(() -> new AssertionError("every subnet has an instance"));
    }

    private static List<String> workers(String cluster) {
        return inventory(cluster).stream().filter(e -> e.kind() == ResourceKind.INSTANCE && !e.name().contains("master"))
                .map(InventoryEntry::name).sorted().toList();
    }

    private static List<Tag> tags(String cluster, String name) {
        return OwnershipTags.of(dev.overcast.core.Cloud.AWS, cluster, name).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static List<String> groupIds(String vpc) {
        return byHand.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc))).securityGroups().stream()
                .map(g -> g.groupId()).toList();
    }
}
