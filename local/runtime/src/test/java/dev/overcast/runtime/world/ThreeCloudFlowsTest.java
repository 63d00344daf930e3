package dev.overcast.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.InventoryEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The flows across AWS, GCP and Azure in the local world, on examples/three-clouds.yaml. */
class ThreeCloudFlowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ACCOUNTS = Map.of("aws", LocalWorld.AWS_ACCOUNT, "gcp", LocalWorld.GCP_PROJECT,
            "azure", LocalWorld.AZURE_SUBSCRIPTION);
    private static LocalWorld world;

    @BeforeAll
    static void start() {
        world = LocalWorld.start(Path.of("../.."));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void createThenDestroy_acrossThreeClouds_shouldConnectEveryPair_repairWhatWasDeletedByHand_andLeaveEveryAccountAsBefore() throws Exception {
        Map<String, Snapshot> before = snapshots();
        ObjectNode create = JSON.createObjectNode().put("tenant", "t1").put("clusterId", "demo");
        create.set("spec", new YAMLMapper().readTree(Path.of("../../examples/three-clouds.yaml").toFile()));

        ExecutionResult created = flow("create-cluster", create);

        assertSucceeded(created);
        assertThat(world.store().clusters().get("demo").status()).isEqualTo(ClusterStatus.READY);
        assertThat(world.store().clusters().get("demo").statusReason()).startsWith("CrossCloudRtt=True");
        List<InventoryEntry> inventory = world.store().inventory().list("demo");
        assertThat(inventory).allSatisfy(e -> assertThat(e.state()).as(e.name()).isEqualTo(ResourceState.READY));
        assertThat(inventory).filteredOn(e -> e.kind() == ResourceKind.VPN_TUNNEL).hasSizeGreaterThanOrEqualTo(6);
        assertThat(inventory).filteredOn(e -> e.kind() == ResourceKind.INSTANCE).hasSize(9);

        InventoryEntry tunnel = entry("demo-vpn-tunnel-aws-gcp");
        InventoryEntry worker = entry("demo-instance-azure-1");
        world.cloudSim().world().deleteByHand("aws", LocalWorld.AWS_ACCOUNT, tunnel.region(), tunnel.cloudId());
        world.cloudSim().world().deleteByHand("azure", LocalWorld.AZURE_SUBSCRIPTION, worker.region(), worker.cloudId());

        assertSucceeded(flow("reconcile-all", JSON.createObjectNode().put("time", "2026-01-01T02:00:00Z")));

        assertThat(entry("demo-vpn-tunnel-aws-gcp").cloudId()).isNotEqualTo(tunnel.cloudId());
        assertThat(world.store().inventory().list("demo")).allSatisfy(e -> assertThat(e.state()).as(e.name()).isEqualTo(ResourceState.READY));

        assertSucceeded(flow("destroy-cluster", JSON.createObjectNode().put("clusterId", "demo")));
        Map<String, Snapshot> after = snapshots();
        before.forEach((front, snapshot) -> assertThat(after.get(front).diff(snapshot)).as(front).isEmpty());
    }

    private static InventoryEntry entry(String name) {
        return world.store().inventory().find("demo", name).orElseThrow(() -> new AssertionError("no inventory row " + name));
    }

    private static Map<String, Snapshot> snapshots() {
        Map<String, Snapshot> snapshots = new LinkedHashMap<>();
        ACCOUNTS.forEach((front, account) -> snapshots.put(front, world.cloudSim().world().snapshot(front, account)));
        return snapshots;
    }

    private static ExecutionResult flow(String flow, JsonNode input) {
        Instant start = world.clock().instant();
        Map<String, Long> calls = new LinkedHashMap<>();
        ACCOUNTS.keySet().forEach(front -> calls.put(front, world.cloudSim().world().calls().total(front)));
        ExecutionResult result = world.run(flow, input);
        StringBuilder made = new StringBuilder();
        calls.forEach((front, n) -> made.append(' ').append(front).append('=').append(world.cloudSim().world().calls().total(front) - n));
        System.out.printf("%s: %s, virtual %s, cloud API calls:%s%n", flow, result.status(),
                Duration.between(start, world.clock().instant()), made);
        return result;
    }

    private static void assertSucceeded(ExecutionResult result) {
        if (!result.succeeded()) {
            // The first failure of a round is the story; the siblings it aborted only say "interrupted".
            world.store().progress().eventsOfCluster("demo").stream().filter(e -> e.status().equals("failed"))
                    .forEach(e -> System.out.println("failed: " + e.step() + " " + e.detail()));
        }
        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
    }
}
