package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.asl.quota.Usage;
import dev.overcast.asl.sam.SamTemplate;
import dev.overcast.runtime.world.LocalWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The hourly {@code reconcile-all} over many healthy clusters spread over many tenants' accounts: the
 * virtual duration of the run, the largest execution history and payload, the peak of concurrent
 * Lambdas, throttled calls by cloud, failed clusters, and what a healthy cluster costs per hour in
 * state transitions and Lambda GB-seconds; plus the real time and peak memory the bench took here.
 * Clusters are seeded by {@link HealthyClusters} (one built by the flows, the rest copied).
 */
@Command(name = "reconcile-scale", mixinStandardHelpOptions = true,
        description = "reconcile-all over many healthy clusters in many accounts: virtual run time, quotas, cost per cluster.")
public final class ReconcileScaleBench implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Without or with the cost of time (LocalWorld.startWithLatency). */
    enum Latency { none, realistic }

    /** Today's reconcile-all, or the one it replaced ({@link InlineReconcileAll}). */
    enum Flow { distributed, inline }

    /** Clusters the run reconciled and those whose reconcile failed. */
    record Outcome(long reconciled, long failed) {
    }

    @Option(names = "--clusters", defaultValue = "1000", description = "Clusters to reconcile (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--accounts", defaultValue = "100", description = "Tenants, each with accounts of its own under --latency realistic (default ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--latency", defaultValue = "none", description = "none or realistic (default ${DEFAULT-VALUE}).")
    Latency latency;

    @Option(names = "--flow", defaultValue = "distributed",
            description = "distributed (statemachines/reconcile-all) or inline: the flow it replaced, one list and an inline Map of 5 (default ${DEFAULT-VALUE}).")
    Flow flow;

    @Option(names = "--spec", defaultValue = "examples/single-cloud-dev.yaml",
            description = "Spec of every cluster; each gets its own name (default ${DEFAULT-VALUE}).")
    Path spec;

    @Override
    public Integer call() throws Exception {
        if (clusters < 1 || accounts < 1 || accounts > clusters) {
            throw new IllegalArgumentException("--clusters must be at least 1 and --accounts from 1 to --clusters, were "
                    + clusters + " and " + accounts);
        }
        ObjectNode template = ClusterFlows.spec(spec);
        BenchReport report = new BenchReport("reconcile-scale").put("spec", spec.toString()).put("clusters", clusters)
                .put("accounts", accounts).put("latency", latency.name()).put("flow", flow.name());
        long benchStart = System.nanoTime();
        boolean succeeded;
        LocalWorld.muteKubernetesRequestLog();
        try (LocalWorld world = latency == Latency.realistic ? LocalWorld.startWithLatency(BenchReport.home())
                : LocalWorld.startWithoutSdkRetries(BenchReport.home())) {
            long seedStart = System.nanoTime();
            HealthyClusters.seed(world, template, clusters, accounts);
            report.put("seedSeconds", seconds(System.nanoTime() - seedStart));

            Instant hour = world.clock().instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
            world.clock().advanceTo(hour);
            Usage usage = world.deployment().interpreter().usage();
            usage.reset();
            Map<String, Long> throttledBefore = world.cloudSim().world().throttledCalls();
            long wallStart = System.nanoTime();
            ExecutionResult all = flow == Flow.distributed
                    ? world.run("reconcile-all", JSON.createObjectNode().put("time", hour.toString()))
                    : InlineReconcileAll.run(world, hour.toString());
            long wall = System.nanoTime() - wallStart;
            succeeded = all.succeeded();
            Map<String, Long> throttled = new TreeMap<>();
            world.cloudSim().world().throttledCalls().forEach((front, n) -> throttled.put(front, n - throttledBefore.getOrDefault(front, 0L)));
            usage.throttled().forEach(throttled::put);
            report.put("status", all.status().toString()).put("virtualRunSeconds", Duration.between(hour, world.clock().instant()).toSeconds());
            if (succeeded) {
                Outcome outcome = flow == Flow.distributed ? distributedOutcome(all.output()) : InlineReconcileAll.outcome(all.output());
                report.put("reconciled", outcome.reconciled()).put("failedClusters", outcome.failed());
            } else {
                // The run itself failed (the inline flow at its history cap): that failure is the result.
                report.put("error", all.error()).put("cause", all.cause());
            }
            report.put("maxHistoryEvents", usage.maxHistoryEvents())
                    .put("maxPayloadBytes", usage.maxPayloadBytes())
                    .put("peakLambdaConcurrency", usage.peakLambdaConcurrency())
                    .put("throttledCalls", throttled)
                    .put("executions", usage.executions())
                    .put("stateTransitionsPerCluster", round(usage.transitions() / (double) clusters))
                    .put("lambdaInvocationsPerCluster", round(usage.lambdaInvocations() / (double) clusters))
                    .put("lambdaGbSecondsPerCluster", round(gbSeconds(usage, world) / clusters))
                    .put("reconcileAllWallSeconds", seconds(wall));
        }
        report.put("benchWallSeconds", seconds(System.nanoTime() - benchStart)).put("peakRssMb", peakRssMb());
        report.publish(System.out);
        return succeeded ? 0 : 1;
    }

    /** reconcile-all's totals over every page of accounts. */
    private static Outcome distributedOutcome(JsonNode output) {
        long failed = output.path("failedClusters").asLong();
        return new Outcome(output.path("clusters").asLong() - failed, failed);
    }

    /** Lambda GB-seconds: each function's virtual busy time times its memory in template.yaml. */
    private static double gbSeconds(Usage usage, LocalWorld world) throws IOException {
        Path templateFile = BenchReport.home().resolve("template.yaml");
        SamTemplate sam = SamTemplate.load(templateFile);
        JsonNode template = new YAMLMapper().readTree(Files.readString(templateFile));
        int defaultMb = template.at("/Globals/Function/MemorySize").asInt(128);
        double total = 0;
        for (Map.Entry<String, Long> busy : usage.lambdaMillisByFunction().entrySet()) {
            SamTemplate.SamFunction function = sam.function(busy.getKey());
            int mb = function == null ? defaultMb
                    : template.at("/Resources/" + function.logicalId() + "/Properties/MemorySize").asInt(defaultMb);
            total += busy.getValue() / 1000.0 * mb / 1024.0;
        }
        return total;
    }

    /** The bench process's peak resident memory (VmHWM), in MB; -1 where /proc is not there. */
    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }
}
