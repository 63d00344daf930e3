package dev.overcast.runtime.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.cloudsim.world.ResourceView;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.core.bootstrap.CloudInit;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.Release;
import dev.overcast.core.region.GeoPoint;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.InstanceCatalog;
import dev.overcast.functions.converge.PinnedConditions;
import dev.overcast.store.InventoryEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's pinning test, in the local world: a new release under a running cluster, and user-data
 * changed by hand, change nothing in any cloud, fail no reconcile, and are reported as conditions.
 */
class PinningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ACCOUNTS = Map.of("aws", LocalWorld.AWS_ACCOUNT, "gcp", LocalWorld.GCP_PROJECT,
            "azure", LocalWorld.AZURE_SUBSCRIPTION);
    /** Reads on each front: EC2 Describe*, Compute get/list/aggregatedList (and operation waits), ARM GETs. */
    private static final Map<String, Pattern> READS = Map.of(
            "aws", Pattern.compile("Describe.*|Get.*"),
            "gcp", Pattern.compile(".*\\.(get|list|aggregatedList|wait)"),
            "azure", Pattern.compile("GET .*"));
    /** The next release: "us-east" now placed in Oregon, one more line in every user-data, Kubernetes 1.32 by default. */
    private static final Release NEXT = new Release(RegionCatalog.standard().withMetro("us-east", new GeoPoint(45.6, -121.2)),
            InstanceCatalog.standard(), (cluster, node) -> new CloudInit().render(cluster, node) + "# next release\n", "1.32");
    private static LocalWorld world;

    @BeforeAll
    static void start() {
        world = LocalWorld.start(Path.of("../.."));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @AfterEach
    void backToThisRelease() {
        world.upgradeTo(Release.current());
    }

    @Test
    void aNewRelease_shouldChangeNothingInAnyCloud_andTheConditionSaysWhatDiffers() {
        assertSucceeded(world.run("create-cluster", create("pin", "aws", "gcp")));
        List<InventoryEntry> inventory = world.store().inventory().list("pin");
        Map<String, Snapshot> before = snapshots();
        Map<String, Map<String, Long>> callsBefore = calls();

        world.upgradeTo(NEXT);
        assertSucceeded(world.run("reconcile-cluster", JSON.createObjectNode().put("clusterId", "pin").put("purpose", "reconcile")));

        assertThat(world.store().clusters().get("pin").status()).isEqualTo(ClusterStatus.READY);
        before.forEach((front, snapshot) -> assertThat(snapshots().get(front).diff(snapshot)).as(front).isEmpty());
        assertThat(writesSince(callsBefore)).as("cloud calls other than reads during the reconcile").isEmpty();
        assertThat(world.store().inventory().list("pin")).extracting(InventoryEntry::name, InventoryEntry::region, InventoryEntry::cloudId)
                .containsExactlyInAnyOrderElementsOf(inventory.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.name(), e.region(), e.cloudId())).toList());
        PinnedConditions conditions = PinnedConditions.of(world.store().progress().eventsOfCluster("pin"));
        assertThat(conditions.releaseDiffers()).contains("kubernetesVersion: pinned 1.31, this release 1.32",
                "regions.aws: pinned us-east-1, this release us-west-2",
                "userData: this release renders it differently for [pin-instance-aws-0, pin-instance-gcp-0, pin-instance-master-0]");
        assertThat(conditions.createOnlyDrift()).as("GCP reports user-data back; EC2's describe does not")
                .contains("pin-instance-gcp-0 (worker): userData").doesNotContain("pin-instance-aws-0");
    }

    @Test
    void userDataChangedByHand_onAGcpMaster_shouldBeReported_withoutFailingTheReconcile_orReplacingTheMaster() {
        assertSucceeded(world.run("create-cluster", create("hand", "gcp")));
        ResourceView master = gcpInstance("hand-instance-master-0");
        Snapshot before = snapshots().get("gcp");
        world.cloudSim().world().alterByHand("gcp", LocalWorld.GCP_PROJECT, master.region(), master.id(),
                r -> r.attributes().put("metadata", withUserData(r.attributes().get("metadata"), "# edited by hand\n")));

        assertSucceeded(world.run("reconcile-cluster", JSON.createObjectNode().put("clusterId", "hand").put("purpose", "reconcile")));

        assertThat(world.store().clusters().get("hand").status()).isEqualTo(ClusterStatus.READY);
        assertThat(gcpInstance("hand-instance-master-0").id()).as("not replaced").isEqualTo(master.id());
        assertThat(snapshots().get("gcp").diff(before)).as("only the hand edit differs")
                .singleElement().asString().startsWith("~");
        PinnedConditions conditions = PinnedConditions.of(world.store().progress().eventsOfCluster("hand"));
        assertThat(conditions.createOnlyDrift()).isEqualTo("hand-instance-master-0 (master): userData"
                + " differs from the plan and is fixed at creation: not repaired, not replaced");
        assertThat(conditions.releaseDiffers()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withUserData(Object metadata, String appended) {
        Map<String, Object> changed = new LinkedHashMap<>((Map<String, Object>) metadata);
        changed.put("items", ((List<Map<String, Object>>) changed.get("items")).stream()
                .map(item -> "user-data".equals(item.get("key")) ? Map.<String, Object>of("key", "user-data", "value", item.get("value") + appended) : item)
                .toList());
        return changed;
    }

    private static ResourceView gcpInstance(String name) {
        return world.cloudSim().world().resources("gcp", LocalWorld.GCP_PROJECT).stream()
                .filter(r -> r.id().endsWith(name)).findFirst().orElseThrow();
    }

    private static ObjectNode create(String name, String... clouds) {
        ObjectNode input = JSON.createObjectNode().put("tenant", "t1").put("clusterId", name);
        ObjectNode spec = input.putObject("spec").put("name", name).put("near", "us-east");
        ObjectNode workers = JSON.createObjectNode();
        for (String cloud : clouds) {
            spec.withArray("clouds").add(cloud);
            workers.putObject(cloud).put("count", 1).put("size", "small");
        }
        spec.putObject("masters").put("count", 1).put("size", "small");
        spec.set("workers", workers);
        return input;
    }

    private static Map<String, Snapshot> snapshots() {
        Map<String, Snapshot> snapshots = new HashMap<>();
        ACCOUNTS.forEach((front, account) -> snapshots.put(front, world.cloudSim().world().snapshot(front, account)));
        return snapshots;
    }

    private static Map<String, Map<String, Long>> calls() {
        Map<String, Map<String, Long>> calls = new HashMap<>();
        ACCOUNTS.keySet().forEach(front -> calls.put(front, Map.copyOf(world.cloudSim().world().calls().byAction(front))));
        return calls;
    }

    /** {@code front action} of every call made since {@code before} that is not a read. */
    private static List<String> writesSince(Map<String, Map<String, Long>> before) {
        return calls().entrySet().stream().flatMap(front -> front.getValue().entrySet().stream()
                        .filter(action -> action.getValue() > before.get(front.getKey()).getOrDefault(action.getKey(), 0L))
                        .filter(action -> !READS.get(front.getKey()).matcher(action.getKey()).matches())
                        .map(action -> front.getKey() + " " + action.getKey()))
                .toList();
    }

    private static void assertSucceeded(ExecutionResult result) {
        assertThat(result.status()).as(result.error() + ": " + result.cause()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
    }
}
