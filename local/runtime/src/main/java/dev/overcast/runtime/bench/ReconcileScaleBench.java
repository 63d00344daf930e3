package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.core.Cloud;
import dev.overcast.functions.LeaseRef;
import dev.overcast.runtime.world.LocalWorld;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reconcile-all} over many healthy clusters in the local world with zero cloud latency: wall
 * time and CPU per cluster. Two CPU figures: the whole process during reconcile-all (interpreter,
 * functions, DynamoDB Local and cloudsim's fronts together, so an upper bound), and the thread CPU of
 * the converge step alone per cluster, called directly, which is what a Lambda would be billed for
 * (its cloud calls are served on cloudsim's threads).
 */
@Command(name = "reconcile-scale", mixinStandardHelpOptions = true,
        description = "reconcile-all over many clusters with zero cloud latency: wall time and CPU per cluster.")
public final class ReconcileScaleBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Creates started at once while seeding: enough to keep both cores busy, few enough to keep leases short. */
    private static final int SEEDING_BATCH = 8;

    @Option(names = "--clusters", defaultValue = "1000", description = "Clusters to reconcile (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--spec", defaultValue = "examples/single-cloud-dev.yaml",
            description = "Spec of every cluster; each gets its own name (default ${DEFAULT-VALUE}).")
    Path spec;

    @Override
    public Integer call() throws Exception {
        ObjectNode template = ClusterFlows.spec(spec);
        BenchReport report = new BenchReport("reconcile-scale").put("spec", spec.toString()).put("clusters", clusters);
        try (LocalWorld world = LocalWorld.start(BenchReport.home(), ReconcileCallsBench::instant)) {
            long seedStart = System.nanoTime();
            List<String> ids = seed(world, template);
            report.put("seedSeconds", seconds(System.nanoTime() - seedStart));

            long cpuBefore = processCpuNanos();
            long wallStart = System.nanoTime();
            ExecutionResult all = ClusterFlows.succeed(world, "reconcile-all", JSON.createObjectNode().put("time", "2026-01-01T02:00:00Z"));
            long wall = System.nanoTime() - wallStart;
            long cpu = processCpuNanos() - cpuBefore;
            report.put("reconcileAllWallSeconds", seconds(wall))
                    .put("reconcileAllWallMsPerCluster", millis(wall / ids.size()))
                    .put("processCpuMsPerCluster", millis(cpu / ids.size()))
                    .put("reconciled", all.output().path("results").size())
                    .put("failed", failed(all.output()));

            List<String> clouds = ClusterFlows.plan(template).regions().regions().keySet().stream().map(Cloud::id).toList();
            report.put("convergeThreadCpuMsPerCluster", millis(convergeCpu(world, ids, clouds) / ids.size()));
        }
        report.publish(System.out);
        return 0;
    }

    private List<String> seed(LocalWorld world, ObjectNode template) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int from = 0; from < clusters; from += SEEDING_BATCH) {
            List<CompletableFuture<ExecutionResult>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(clusters, from + SEEDING_BATCH); i++) {
                String id = "%s-%04d".formatted(template.get("name").asText(), i);
                ObjectNode input = JSON.createObjectNode().put("tenant", "bench");
                input.set("spec", template.deepCopy().put("name", id));
                batch.add(world.start("create-cluster", input));
                ids.add(id);
            }
            for (CompletableFuture<ExecutionResult> created : batch) {
                ExecutionResult result = created.get();
                if (!result.succeeded()) {
                    throw new IllegalStateException("create-cluster " + result.status() + ": " + result.error() + ": " + result.cause());
                }
            }
        }
        return ids;
    }

    /** Clusters whose reconcile-cluster run failed, from reconcile-all's Map results (each catches its own). */
    private static long failed(JsonNode output) {
        long n = 0;
        for (JsonNode result : output.path("results")) {
            n += result.path("failed").asBoolean() ? 1 : 0;
        }
        return n;
    }

    /** Thread CPU of one reconcile-mode converge round per cluster and cloud, under a lease taken here. */
    private static long convergeCpu(LocalWorld world, List<String> ids, List<String> clouds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Function<JsonNode, JsonNode> converge = world.function("convergeCloud")
                .orElseThrow(() -> new IllegalStateException("no convergeCloud bean"));
        long total = 0;
        for (String id : ids) {
            Lease lease = world.store().locks().acquire(id, "bench", LeasePurpose.RECONCILE, Duration.ofMinutes(5));
            for (String cloud : clouds) {
                ObjectNode request = JSON.createObjectNode().put("cloud", cloud).put("mode", "reconcile");
                request.set("lease", JSON.valueToTree(LeaseRef.of(lease)));
                long before = threads.getCurrentThreadCpuTime();
                converge.apply(request);
                total += threads.getCurrentThreadCpuTime() - before;
            }
            world.store().locks().release(lease);
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1000.0;
    }
}
