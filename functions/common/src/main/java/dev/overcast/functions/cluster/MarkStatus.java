package dev.overcast.functions.cluster;

import dev.overcast.core.Cloud;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.functions.Inputs;
import dev.overcast.functions.LeaseRef;
import dev.overcast.functions.RequestRefused;
import dev.overcast.functions.Step;
import dev.overcast.functions.telemetry.EmbeddedMetrics;
import dev.overcast.store.Cluster;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.ProgressEvent;
import dev.overcast.store.Store;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the cluster to a status under the lease (fenced, version-checked) and returns its clouds, so
 * the machines that start from a cluster id learn what to converge. Moving to the status it already
 * has is a no-op, which keeps a retried step harmless. It is every flow's first write under the lease,
 * so it also pins a cluster recorded before pins existed (late initialisation, see {@link ClusterPlans#pins}),
 * and on reaching {@code ready} it records, as a {@value #PINS_STEP} event, what this release would
 * decide otherwise than the pins.
 */
public final class MarkStatus extends Step<MarkStatus.Request, MarkStatus.Result> {

    /** @param reason why (a failure's cause, the latency condition); null keeps none */
    public record Request(LeaseRef lease, String status, String reason) {
    }

    public record Result(String clusterId, String status, List<String> clouds) {
    }

    private static final int MAX_REASON = 2_000;
    static final String PINS_STEP = "pins";
    /** The event status when this release would decide otherwise than the cluster's pins. */
    public static final String RELEASE_DIFFERS = "release-differs";
    /** The statuses a flow ends on; moving to one is where its duration is known. */
    private static final Set<ClusterStatus> FLOW_OUTCOMES = EnumSet.of(ClusterStatus.READY, ClusterStatus.FAILED,
            ClusterStatus.DELETED);

    private final Store store;
    private final ClusterPlans plans;
    private final InstantSource clock;

    public MarkStatus(Store store, ClusterPlans plans, InstantSource clock) {
        super(MarkStatus.Request.class, MarkStatus.Result.class);
        this.store = store;
        this.plans = plans;
        this.clock = clock;
    }

    @Override
    public Result apply(Request request) {
        if (request.lease() == null) {
            throw new RequestRefused("lease: required");
        }
        ClusterStatus next = Inputs.oneOf("status", request.status(), ClusterStatus.class);
        Cluster cluster = store.clusters().get(request.lease().clusterId());
        Lease lease = request.lease().lease(LeasePurpose.RECONCILE);
        if (cluster.pins() == null && next != ClusterStatus.DELETED) {
            cluster = store.clusters().pin(lease, cluster, plans.pins(cluster).toJson());
        }
        String reason = request.reason() == null || request.reason().length() <= MAX_REASON
                ? request.reason() : request.reason().substring(0, MAX_REASON);
        boolean moves = cluster.status() != next;
        if (moves || reason != null && !reason.equals(cluster.statusReason())) {
            // Every status write is fenced; the purpose is not part of the condition.
            cluster = cluster.status() == next
                    ? cluster
                    : store.clusters().moveTo(lease, cluster, next, reason);
        }
        if (moves && FLOW_OUTCOMES.contains(next)) {
            flowDuration(request.lease().owner(), next);
        }
        store.progress().record(new ProgressEvent(request.lease().owner(), cluster.id(), "status", next.id(),
                clock.instant(), reason));
        if (next == ClusterStatus.READY) {
            List<String> differences = plans.releaseDifferences(cluster);
            if (!differences.isEmpty()) {
                store.progress().record(new ProgressEvent(request.lease().owner(), cluster.id(), PINS_STEP, RELEASE_DIFFERS,
                        clock.instant(), String.join("; ", differences)));
            }
        }
        List<String> clouds = SpecReader.parseJson(cluster.spec()).cloudList().stream().map(Cloud::id).toList();
        return new Result(cluster.id(), cluster.status().id(), clouds);
    }

    /** From the execution's first progress event (its start, as far as the store knows) to now. */
    private void flowDuration(String executionId, ClusterStatus outcome) {
        List<ProgressEvent> events = store.progress().events(executionId);
        if (!events.isEmpty()) {
            EmbeddedMetrics.put("FlowDuration", EmbeddedMetrics.Unit.MILLISECONDS,
                    Duration.between(events.get(0).at(), clock.instant()).toMillis(), Map.of("status", outcome.id()));
        }
    }
}
