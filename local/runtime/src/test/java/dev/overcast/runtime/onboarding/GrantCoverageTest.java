package dev.overcast.runtime.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.cloudsim.world.ResourceView;
import dev.overcast.cloudsim.world.World;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.preflight.PreflightReport;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.runtime.world.LocalWorld;
import dev.overcast.store.InventoryEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grant files give exactly what Overcast uses, per cloud, both ways: the permissions every call needed
 * (cloudsim's IAM records them per front) during a preflight and the end-to-end flows on three clouds — create,
 * reconcile-all repairing a deleted tunnel, a deleted worker on each of GCP and Azure and a firewall changed on
 * each cloud, scale, destroy — are compared with {@code onboarding/}: a missing permission fails, an unused one fails.
 */
class GrantCoverageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SPEC = Path.of("../../examples/three-clouds.yaml");
    private static final Map<String, SortedSet<String>> NEEDED = new HashMap<>();
    private static final Map<String, Long> RECONCILE = new TreeMap<>();

    @BeforeAll
    static void runEverything() throws Exception {
        try (LocalWorld world = LocalWorld.start(Path.of("../.."))) {
            World sim = world.cloudSim().world();
            PreflightReport preflight = world.clouds().preflight().run(Planner.standard().plan(SpecReader.read(SPEC)));
            assertThat(preflight.passed()).as(preflight.table()).isTrue();

            ObjectNode create = JSON.createObjectNode().put("tenant", "t1").put("clusterId", "demo");
            create.set("spec", new YAMLMapper().readTree(SPEC.toFile()));
            succeed(world, "create-cluster", create);
            RECONCILE.putAll(measureReconcile(world));

            InventoryEntry tunnel = entry(world, "demo-vpn-tunnel-aws-gcp");
            sim.deleteByHand("aws", LocalWorld.AWS_ACCOUNT, tunnel.region(), tunnel.cloudId());
            ResourceView gcpWorker = view(sim, "gcp", LocalWorld.GCP_PROJECT, "instance", "/demo-instance-gcp-1");
            assertThat(sim.deleteByHand("gcp", LocalWorld.GCP_PROJECT, gcpWorker.region(), gcpWorker.id())).isTrue();
            ResourceView azureWorker = view(sim, "azure", LocalWorld.AZURE_SUBSCRIPTION, "virtualmachines", "/demo-instance-azure-1");
            assertThat(sim.deleteByHand("azure", LocalWorld.AZURE_SUBSCRIPTION, azureWorker.region(), azureWorker.id())).isTrue();
            loosenFirewalls(world);
            succeed(world, "reconcile-all", JSON.createObjectNode().put("time", "2026-01-01T02:00:00Z"));

            succeed(world, "scale-workers", JSON.createObjectNode().put("clusterId", "demo").put("cloud", "aws").put("workers", 3));
            succeed(world, "destroy-cluster", JSON.createObjectNode().put("clusterId", "demo"));
            for (String front : List.of("aws", "gcp", "azure")) {
                NEEDED.put(front, sim.iam().needed(front));
            }
        }
    }

    @AfterAll
    static void print() {
        NEEDED.forEach((front, needed) -> System.out.println(front + " needed " + needed.size() + ": " + needed));
    }

    @Test
    void awsRole_shouldGrantExactlyTheActionsOvercastUses() {
        assertExactly("onboarding/aws/overcast-role.yaml", GrantFiles.aws(), NEEDED.get("aws"));
    }

    @Test
    void gcpRole_shouldGrantExactlyThePermissionsOvercastUses() {
        assertExactly("onboarding/gcp/overcast-role.yaml", GrantFiles.gcp(), NEEDED.get("gcp"));
    }

    @Test
    void azureRole_shouldGrantExactlyTheActionsOvercastUses() {
        assertExactly("onboarding/azure/overcast-role.json", GrantFiles.azure(), NEEDED.get("azure"));
    }

    /**
     * The hourly reconcile of a ready three-cloud cluster, counted for the cost estimate in docs/deploy.md:
     * states entered (Step Functions bills each state transition) and Lambda invocations, in the
     * reconcile-cluster execution and in the converge-cluster child it runs (a child's history is its own, so
     * the child is run here as reconcile runs it, under a lease of its own). Written to target/reconcile-cost.json.
     */
    @Test
    void hourlyReconcile_ofAThreeCloudCluster_shouldStayFarBelowTheHistoryLimit() throws Exception {
        System.out.println("reconcile of a ready three-cloud cluster: " + RECONCILE);
        java.nio.file.Files.writeString(Path.of("target/reconcile-cost.json"), JSON.writeValueAsString(RECONCILE));
        assertThat(RECONCILE.get("converge.statesEntered")).isPositive();
        assertThat(RECONCILE.get("reconcile.historyEvents") + RECONCILE.get("converge.historyEvents")).isLessThan(25_000);
    }

    private static Map<String, Long> measureReconcile(LocalWorld world) {
        Map<String, Long> counts = new TreeMap<>();
        count(counts, "reconcile", succeed(world, "reconcile-cluster", JSON.createObjectNode().put("clusterId", "demo").put("purpose", "reconcile")));
        JsonNode lease = world.function("acquireLock").orElseThrow().apply(JSON.createObjectNode().put("clusterId", "demo")
                .put("owner", "cost-measurement").put("purpose", "reconcile"));
        ObjectNode converge = JSON.createObjectNode().put("mode", "reconcile");
        converge.set("lease", lease);
        converge.set("clouds", JSON.createArrayNode().add("aws").add("gcp").add("azure"));
        count(counts, "converge", succeed(world, "converge-cluster", converge));
        world.function("releaseLock").orElseThrow().apply(lease);
        return counts;
    }

    private static void count(Map<String, Long> counts, String name, ExecutionResult result) {
        counts.put(name + ".historyEvents", (long) result.history().size());
        counts.put(name + ".statesEntered", result.history().stream().filter(e -> e.type().endsWith("StateEntered")).count());
        counts.put(name + ".lambdaInvocations", result.history().stream().filter(e -> e.type().equals("TaskScheduled") && e.details().path("resourceType").asText().equals("lambda")).count());
    }

    private static void assertExactly(String file, SortedSet<String> granted, SortedSet<String> needed) {
        SortedSet<String> missing = new TreeSet<>(needed);
        missing.removeAll(granted);
        SortedSet<String> unused = new TreeSet<>(granted);
        unused.removeAll(needed);
        assertThat(missing).as("used but not granted by " + file).isEmpty();
        assertThat(unused).as("granted by " + file + " but never used").isEmpty();
    }

    /** One extra allowed source or port on each cloud's firewall, made behind Overcast's back (no API call). */
    private static void loosenFirewalls(LocalWorld world) throws Exception {
        World sim = world.cloudSim().world();
        InventoryEntry aws = entry(world, "demo-firewall-aws");
        assertThat(sim.alterByHand("aws", LocalWorld.AWS_ACCOUNT, aws.region(), aws.cloudId(), group -> {
            Map<String, String> extra = new HashMap<>(group.list("ingress").get(0));
            extra.replaceAll((key, value) -> value.contains("/") ? "0.0.0.0/0" : value);
            group.list("ingress").add(extra);
        })).isTrue();
        ResourceView rule = view(sim, "gcp", LocalWorld.GCP_PROJECT, "firewall", "");
        assertThat(sim.alterByHand("gcp", LocalWorld.GCP_PROJECT, rule.region(), rule.id(),
                r -> r.attributes().put("allowed", List.of(Map.of("IPProtocol", "tcp", "ports", List.of("22")))))).isTrue();
        ResourceView nsg = view(sim, "azure", LocalWorld.AZURE_SUBSCRIPTION, "networksecuritygroups", "/demo-firewall-azure");
        ObjectNode document = (ObjectNode) JSON.readTree(String.valueOf(nsg.attributes().get("document")));
        ArrayNode rules = (ArrayNode) document.path("properties").path("securityRules");
        ObjectNode extra = rules.get(0).deepCopy();
        extra.put("name", "by-hand");
        ((ObjectNode) extra.path("properties")).put("priority", 4000).put("sourceAddressPrefix", "0.0.0.0/0");
        rules.add(extra);
        assertThat(sim.alterByHand("azure", LocalWorld.AZURE_SUBSCRIPTION, nsg.region(), nsg.id(),
                r -> r.attributes().put("document", document.toString()))).isTrue();
    }

    /** The one live resource of a type whose id ends with {@code suffix}. */
    private static ResourceView view(World sim, String front, String account, String type, String suffix) {
        return sim.resources(front, account).stream().filter(r -> r.type().equals(type) && r.id().endsWith(suffix.toLowerCase(java.util.Locale.ROOT))
                        || r.type().equals(type) && r.id().endsWith(suffix))
                .findFirst().orElseThrow(() -> new AssertionError("no " + front + " " + type + " ending in " + suffix));
    }

    private static InventoryEntry entry(LocalWorld world, String name) {
        return world.store().inventory().find("demo", name).orElseThrow(() -> new AssertionError("no inventory row " + name));
    }

    private static ExecutionResult succeed(LocalWorld world, String flow, JsonNode input) {
        ExecutionResult result = world.run(flow, input);
        assertThat(result.status()).as(flow + ": " + result.error() + ": " + result.cause()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
        return result;
    }
}
