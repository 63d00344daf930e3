package dev.overcast.functions;

import dev.overcast.core.plan.Planner;
import dev.overcast.functions.changes.DrainChanges;
import dev.overcast.functions.changes.RequestScale;
import dev.overcast.functions.check.CheckNodes;
import dev.overcast.functions.check.LatencyCheck;
import dev.overcast.functions.check.NodeCheck;
import dev.overcast.functions.check.VerifyLatency;
import dev.overcast.functions.cluster.ClusterPlans;
import dev.overcast.functions.cluster.ListAccountClusters;
import dev.overcast.functions.cluster.ListAccounts;
import dev.overcast.functions.cluster.MarkStatus;
import dev.overcast.functions.cluster.RecordCluster;
import dev.overcast.functions.converge.BuildTimes;
import dev.overcast.functions.converge.ConvergeCloud;
import dev.overcast.functions.lock.AcquireLock;
import dev.overcast.functions.lock.ReleaseLock;
import dev.overcast.functions.telemetry.Invocation;
import dev.overcast.store.Cluster;
import dev.overcast.store.Store;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Every step by its bean name (the value of {@code SPRING_CLOUD_FUNCTION_DEFINITION}), and their
 * functional registration: no component scan, no reflection on configuration classes, so a Lambda's
 * cold start pays only for the beans it registers.
 */
public final class OvercastFunctions {
    public static final String ACQUIRE_LOCK = "acquireLock";
    public static final String RELEASE_LOCK = "releaseLock";
    public static final String RECORD_CLUSTER = "recordCluster";
    public static final String MARK_STATUS = "markStatus";
    public static final String LIST_ACCOUNTS = "listAccounts";
    public static final String LIST_ACCOUNT_CLUSTERS = "listAccountClusters";
    public static final String REQUEST_SCALE = "requestScale";
    public static final String DRAIN_CHANGES = "drainChanges";
    public static final String CHECK_NODES = "checkNodes";
    public static final String VERIFY_LATENCY = "verifyLatency";
    public static final String CONVERGE_CLOUD = "convergeCloud";

    /** What the steps need; a Lambda passes only the adapter of its own cloud (or none). */
    public record Wiring(Store store, Planner planner, CloudAdapters adapters, NodeCheck nodes, LatencyCheck latency,
                         InstantSource clock) {
    }

    private OvercastFunctions() {
    }

    public static Map<String, Step<?, ?>> steps(Wiring wiring) {
        ClusterPlans plans = new ClusterPlans(wiring.store(), wiring.planner());
        Map<String, Step<?, ?>> steps = new LinkedHashMap<>();
        steps.put(ACQUIRE_LOCK, new AcquireLock(wiring.store()));
        steps.put(RELEASE_LOCK, new ReleaseLock(wiring.store()));
        steps.put(RECORD_CLUSTER, new RecordCluster(wiring.store(), wiring.planner(), wiring.clock()));
        steps.put(MARK_STATUS, new MarkStatus(wiring.store(), plans, wiring.clock()));
        steps.put(LIST_ACCOUNTS, new ListAccounts(wiring.store()));
        steps.put(LIST_ACCOUNT_CLUSTERS, new ListAccountClusters(wiring.store()));
        steps.put(REQUEST_SCALE, new RequestScale(wiring.store(), wiring.planner()));
        steps.put(DRAIN_CHANGES, new DrainChanges(wiring.store(), wiring.clock()));
        steps.put(CHECK_NODES, new CheckNodes(plans, wiring.nodes()));
        steps.put(VERIFY_LATENCY, new VerifyLatency(plans, wiring.latency()));
        steps.put(CONVERGE_CLOUD, new ConvergeCloud(wiring.store(), plans, wiring.adapters(), wiring.clock(),
                BuildTimes.of(wiring.adapters())));
        return steps;
    }

    /** Registers every step as a Spring Cloud Function {@link FunctionRegistration} under its bean name. */
    public static void register(GenericApplicationContext context, Wiring wiring) {
        Function<String, Optional<String>> tenantOf = clusterId -> wiring.store().clusters().find(clusterId).map(Cluster::tenant);
        steps(wiring).forEach((name, step) -> register(context, name, new Invocation<>(name, step, tenantOf)));
    }

    /**
     * Registers one step under a bean name (also the console API's bean, which is a step on proxy events),
     * as an {@link Invocation}: whoever invokes the bean gets its log correlation and metrics.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void register(GenericApplicationContext context, String name, Step<?, ?> step) {
        Invocation<?, ?> invocation = step instanceof Invocation<?, ?> correlated ? correlated : new Invocation<>(name, step);
        context.registerBean(name, FunctionRegistration.class, () -> new FunctionRegistration(invocation, name)
                .type(FunctionTypeUtils.functionType(step.input(), step.output())));
    }
}
