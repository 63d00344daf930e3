package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.StateMachine;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.runtime.world.LocalWorld;
import dev.overcast.store.Cluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * The reconcile-all that the paged, distributed flow replaced, kept as a bench resource
 * ({@code bench/reconcile-all-inline.asl.json}) so reconcile-scale can show where it stops: one list of
 * every due cluster, an inline Map of five, one execution whose history grows with every cluster.
 */
final class InlineReconcileAll {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFINITION = "/bench/reconcile-all-inline.asl.json";
    /** The clusters the removed ListClusters Lambda returned: settled ones. */
    private static final Set<ClusterStatus> DUE = EnumSet.of(ClusterStatus.READY, ClusterStatus.FAILED);

    private InlineReconcileAll() {
    }

    /** Runs it once at {@code time} over every due cluster in the world's store. */
    static ExecutionResult run(LocalWorld world, String time) {
        StateMachine machine = world.deployment().interpreter().parse(definition());
        ObjectNode input = JSON.createObjectNode().put("time", time);
        ArrayNode clusters = input.putObject("due").putArray("clusters");
        world.store().clusters().list().stream()
                .filter(c -> DUE.contains(c.status()))
                .map(Cluster::id)
                .sorted()
                .forEach(id -> clusters.addObject().put("clusterId", id));
        return world.deployment().interpreter().execute(machine, "bench-reconcile-all-inline", input);
    }

    /** Clusters reconciled and failed, from the Map's results (one per cluster). */
    static ReconcileScaleBench.Outcome outcome(JsonNode output) {
        long failed = 0;
        for (JsonNode result : output.path("results")) {
            if (result.path("failed").asBoolean(false)) {
                failed++;
            }
        }
        return new ReconcileScaleBench.Outcome(output.path("results").size() - failed, failed);
    }

    private static JsonNode definition() {
        try (InputStream in = InlineReconcileAll.class.getResourceAsStream(DEFINITION)) {
            if (in == null) {
                throw new IllegalStateException("the runtime jar lacks " + DEFINITION);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${ReconcileClusterArn}", LocalWorld.machineArn("reconcile-cluster"));
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFINITION, e);
        }
    }
}
