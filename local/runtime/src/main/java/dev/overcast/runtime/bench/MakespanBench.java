package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.cloudsim.world.Durations;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.cloudsim.world.World;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.plan.Plan;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.runtime.world.LocalWorld;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Virtual time to create and to destroy a cluster in the local world with cloudsim's realistic
 * durations, against the plan's critical path under the same durations (the lower bound) and a
 * strictly sequential build, with the chain of steps that decides the bound.
 */
@Command(name = "makespan", mixinStandardHelpOptions = true,
        description = "Create and destroy a cluster in the local world (virtual time) vs its critical path.")
public final class MakespanBench implements Callable<Integer> {
    private static final int LAST_READY = 6;

    @Option(names = "--spec", defaultValue = "examples/three-clouds.yaml",
            description = "Cluster spec, relative to the checkout (default ${DEFAULT-VALUE}).")
    Path spec;

    @Override
    public Integer call() {
        ObjectNode clusterSpec = ClusterFlows.spec(spec);
        Plan plan = ClusterFlows.plan(clusterSpec);
        BenchReport report = new BenchReport("makespan").put("spec", spec.toString()).put("resources", plan.resources().size());
        long realStart = System.nanoTime();
        try (LocalWorld world = LocalWorld.start(BenchReport.home())) {
            Durations durations = world.cloudSim().world().durations();
            Instant start = world.clock().instant();
            ClusterFlows.create(world, clusterSpec);
            Instant created = world.clock().instant();
            Map<String, Duration> ready = readyTimes(world, plan, start);
            ClusterFlows.destroy(world, plan.cluster());
            Instant destroyed = world.clock().instant();
            CloudAdapters adapters = world.clouds().adapters();
            report.put("create", phase(CriticalPath.create(plan, adapters, durations), Duration.between(start, created), ready));
            report.put("destroy", phase(CriticalPath.destroy(plan, adapters), Duration.between(created, destroyed), Map.of()));
        }
        report.put("realSeconds", seconds(Duration.ofNanos(System.nanoTime() - realStart)));
        report.publish(System.out);
        return 0;
    }

    private static Map<String, Object> phase(CriticalPath path, Duration makespan, Map<String, Duration> ready) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("makespanSeconds", seconds(makespan));
        result.put("criticalPathSeconds", seconds(path.length()));
        result.put("sequentialSeconds", seconds(path.sequential()));
        result.put("makespanOverCriticalPath", ratio(makespan, path.length()));
        List<Map<String, Object>> chain = new ArrayList<>();
        for (CriticalPath.Step step : path.chain()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step.name());
            row.put("earliestStartSeconds", seconds(step.earliestStart()));
            row.put("durationSeconds", seconds(step.duration()));
            if (ready.containsKey(step.name())) {
                row.put("earliestFinishSeconds", seconds(step.earliestFinish()));
                row.put("actualReadySeconds", seconds(ready.get(step.name())));
            }
            chain.add(row);
        }
        result.put("criticalChain", chain);
        if (!ready.isEmpty()) {
            // The resources that finished last: where the flow's tail went, whatever the bound's chain says.
            List<Map<String, Object>> last = ready.entrySet().stream()
                    .sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(LAST_READY)
                    .map(e -> Map.<String, Object>of("resource", e.getKey(), "actualReadySeconds", seconds(e.getValue()),
                            "earliestFinishSeconds", seconds(path.steps().get(e.getKey()).earliestFinish())))
                    .toList();
            result.put("lastReady", last);
        }
        return result;
    }

    /**
     * When each planned resource's native objects finished their first build, as cloudsim's timelines
     * record it (the latest of them; a later stage such as an attach or a BGP update is not included).
     */
    private static Map<String, Duration> readyTimes(LocalWorld world, Plan plan, Instant start) {
        World sim = world.cloudSim().world();
        Map<String, Duration> ready = new HashMap<>();
        for (Cloud cloud : plan.regions().regions().keySet()) {
            String account = switch (cloud) {
                case AWS -> LocalWorld.AWS_ACCOUNT;
                case GCP -> LocalWorld.GCP_PROJECT;
                case AZURE -> LocalWorld.AZURE_SUBSCRIPTION;
            };
            Set<String> types = new TreeSet<>();
            sim.resources(cloud.id(), account).forEach(view -> types.add(view.type()));
            for (String type : types) {
                for (SimResource r : sim.everywhere(type)) {
                    String name = OwnershipTags.resourceName(cloud, r.tags());
                    if (name != null && r.key().front().equals(cloud.id()) && r.key().account().equals(account)) {
                        ready.merge(name, Duration.between(start, r.readyAt()), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                    }
                }
            }
        }
        return ready;
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double ratio(Duration a, Duration b) {
        return b.isZero() ? 0 : Math.round(1000.0 * a.toMillis() / b.toMillis()) / 1000.0;
    }
}
