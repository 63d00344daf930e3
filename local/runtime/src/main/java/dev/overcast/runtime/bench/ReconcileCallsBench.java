package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.CallLog;
import dev.overcast.cloudsim.world.Durations;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.core.Cloud;
import dev.overcast.runtime.world.LocalWorld;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cloud API calls one reconcile of a healthy cluster makes, per cloud, reads apart from writes, as
 * cloudsim's call log counts them at each front. The cluster is the three-cloud example with its
 * workers spread evenly over the clouds; durations are zero, throttles and quotas off, so building
 * even 300 workers takes seconds and only the reconcile's own calls are counted.
 */
@Command(name = "reconcile-calls", mixinStandardHelpOptions = true,
        description = "Cloud API calls (reads, writes) per reconcile of a healthy cluster, by worker count.")
public final class ReconcileCallsBench implements Callable<Integer> {
    /** EC2 Describe/Get, Compute list/get/aggregatedList/operation waits, ARM GET/LIST: reads; everything else writes. */
    private static final Pattern READ = Pattern.compile("^(Describe|Get|List).*|.*\\.(list|get|aggregatedList|wait)$|^(GET|LIST|HEAD) .*");

    @Option(names = "--workers", split = ",", defaultValue = "3,30,300",
            description = "Worker counts, spread over the three clouds (default ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(names = "--spec", defaultValue = "examples/three-clouds.yaml",
            description = "Cluster spec whose worker counts are replaced (default ${DEFAULT-VALUE}).")
    Path spec;

    @Override
    public Integer call() {
        BenchReport report = new BenchReport("reconcile-calls").put("spec", spec.toString());
        for (int total : workers) {
            report.put("workers" + total, reconcileCalls(total));
        }
        report.publish(System.out);
        return 0;
    }

    private Map<String, Object> reconcileCalls(int total) {
        ObjectNode clusterSpec = ClusterFlows.spec(spec);
        List<String> clouds = ClusterFlows.plan(clusterSpec).regions().regions().keySet().stream().map(Cloud::id).toList();
        ObjectNode pools = clusterSpec.putObject("workers");
        for (int i = 0; i < clouds.size(); i++) {
            int share = total / clouds.size() + (i < total % clouds.size() ? 1 : 0);
            pools.putObject(clouds.get(i)).put("count", share).put("size", "medium");
        }
        String clusterId = clusterSpec.get("name").asText();
        try (LocalWorld world = LocalWorld.start(BenchReport.home(), ReconcileCallsBench::instant)) {
            ClusterFlows.create(world, clusterSpec);
            CallLog calls = world.cloudSim().world().calls();
            calls.reset();
            ClusterFlows.reconcile(world, clusterId);
            Map<String, Object> perCloud = new LinkedHashMap<>();
            for (String cloud : clouds) {
                long reads = 0;
                long writes = 0;
                for (Map.Entry<String, Long> action : calls.byAction(cloud).entrySet()) {
                    if (READ.matcher(action.getKey()).matches()) {
                        reads += action.getValue();
                    } else {
                        writes += action.getValue();
                    }
                }
                perCloud.put(cloud, Map.of("reads", reads, "writes", writes, "byAction", calls.byAction(cloud)));
            }
            return perCloud;
        }
    }

    /** No build times, throttles or quotas: the benchmark counts calls, it does not wait for clouds. */
    static CloudSimConfig instant(CloudSimConfig config) {
        return config.withDurations(Durations.none()).withThrottling(false).withQuotas(Quotas.none());
    }
}
