package dev.overcast.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.spec.Violation;
import dev.overcast.functions.cluster.ClusterPlans;
import dev.overcast.functions.converge.PinnedConditions;
import dev.overcast.store.Cluster;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.Lease;
import dev.overcast.store.ProgressEvent;
import dev.overcast.store.QueuedChange;
import dev.overcast.store.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * The routes that read: the tenant's clusters, one cluster in full, its events. Everything comes from
 * what the store records (cluster row, inventory, lock, change queue, progress events) and, for the
 * flow holding the lock, from Step Functions (its status and the state it is in).
 */
final class ClusterReads {
    /** Progress statuses that are a repair: what converge did, not what it waited for. */
    private static final Set<String> REPAIRS = Set.of("create", "update", "delete", "failed");
    private static final String LATENCY_CONDITION = "CrossCloudRtt=";

    private final Store store;
    private final ClusterPlans plans;
    private final Flows flows;
    private final ObjectMapper json;

    ClusterReads(Store store, Planner planner, Flows flows, ObjectMapper json) {
        this.store = store;
        this.plans = new ClusterPlans(store, planner);
        this.flows = flows;
        this.json = json;
    }

    ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(new Views.ClusterList(store.clusters().listByTenant(request.tenant()).stream()
                .sorted(Comparator.comparing(Cluster::name).thenComparing(Cluster::createdAt))
                .map(cluster -> Views.ClusterSummary.of(cluster, Clusters.clouds(cluster)))
                .toList()));
    }

    ApiResponse get(ApiRequest request) {
        Cluster cluster = Clusters.owned(store, request);
        Plan plan = plans.plan(cluster);
        List<InventoryEntry> inventory = store.inventory().list(cluster.id());
        Optional<Lease> holder = store.locks().current(cluster.id());
        List<ProgressEvent> events = store.progress().eventsOfCluster(cluster.id());
        return ApiResponse.ok(new Views.ClusterDetail(cluster.name(), cluster.status().id(), cluster.statusReason(),
                Clusters.clouds(cluster), cluster.createdAt().toString(), cluster.updatedAt().toString(),
                spec(cluster), holder.map(this::phase).orElse(null), progress(plan, inventory),
                Views.RegionSetView.of(plan.regions()), resources(inventory), lastReconcile(events).orElse(null),
                queued(cluster.id()), conditions(cluster, holder, events), cluster.id()));
    }

    /**
     * What the cluster's flows recorded, oldest first: the API's starts, plan, status moves, every
     * converge action, drains. One source in one order, so {@code after} (the {@code cursor} of an
     * earlier answer: how many events it had seen) never skips or repeats an event.
     */
    ApiResponse events(ApiRequest request) {
        Cluster cluster = Clusters.owned(store, request);
        List<Views.EventView> events = store.progress().eventsOfCluster(cluster.id()).stream().map(Views.EventView::of).toList();
        int from = cursor(request.query().get("after"), events.size());
        return ApiResponse.ok(new Views.EventList(events.subList(from, events.size()), Integer.toString(events.size())));
    }

    private static int cursor(String after, int size) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Math.min(size, Integer.parseInt(after)));
        } catch (NumberFormatException e) {
            throw ApiException.invalid(new Violation("after", "format",
                    "must be the cursor of an earlier answer (a number), was '" + after + "'"));
        }
    }

    private Views.Phase phase(Lease lease) {
        Optional<DescribeExecutionResponse> execution = flows.describe(lease.owner());
        return new Views.Phase(lease.purpose().id(), lease.owner(),
                execution.map(DescribeExecutionResponse::statusAsString).orElse("RUNNING"),
                flows.currentState(lease.owner()).orElse(null),
                execution.map(e -> e.startDate().toString()).orElse(null));
    }

    private static Views.Progress progress(Plan plan, List<InventoryEntry> inventory) {
        Set<String> planned = plan.resources().stream().map(Resource::name).collect(Collectors.toSet());
        int ready = (int) inventory.stream()
                .filter(e -> planned.contains(e.name()) && e.state() == ResourceState.READY).count();
        int percent = planned.isEmpty() ? 100 : ready * 100 / planned.size();
        return new Views.Progress(planned.size(), ready, percent);
    }

    private static Map<String, List<Views.ResourceView>> resources(List<InventoryEntry> inventory) {
        Map<String, List<Views.ResourceView>> byCloud = new TreeMap<>();
        inventory.stream().sorted(Comparator.comparing(InventoryEntry::name)).forEach(e -> byCloud
                .computeIfAbsent(e.cloud().id(), cloud -> new ArrayList<>())
                .add(new Views.ResourceView(e.name(), e.kind().id(), e.region(), e.cloudId(), e.state().name(),
                        e.observedAt() == null ? null : e.observedAt().toString())));
        return byCloud;
    }

    /** The last execution that moved the cluster to {@code reconciling}, and what its converge rounds repaired. */
    private static Optional<Views.Reconcile> lastReconcile(List<ProgressEvent> events) {
        return events.stream()
                .filter(e -> e.step().equals("status") && e.status().equals(ClusterStatus.RECONCILING.id()))
                .reduce((first, second) -> second)
                .map(started -> new Views.Reconcile(started.executionId(), started.at().toString(), events.stream()
                        .filter(e -> e.executionId().equals(started.executionId()) && e.step().startsWith("converge-")
                                && REPAIRS.contains(e.status()))
                        .map(Views.EventView::of).toList()));
    }

    private List<Views.QueuedChangeView> queued(String clusterId) {
        return store.changes().pending(clusterId).stream().map(this::queued).toList();
    }

    private Views.QueuedChangeView queued(QueuedChange change) {
        return new Views.QueuedChangeView(change.seq(), change.kind().name().toLowerCase(Locale.ROOT),
                parse(change.payload()), change.enqueuedAt().toString());
    }

    private static List<Views.Condition> conditions(Cluster cluster, Optional<Lease> holder, List<ProgressEvent> events) {
        List<Views.Condition> conditions = new ArrayList<>();
        boolean ready = cluster.status() == ClusterStatus.READY;
        conditions.add(new Views.Condition("Ready", ready ? "True" : "False", cluster.status().id(),
                ready ? null : cluster.statusReason()));
        conditions.add(holder.map(lease -> new Views.Condition("Locked", "True", lease.purpose().id(),
                        "held by " + lease.owner() + " until " + lease.expiresAt()))
                .orElse(new Views.Condition("Locked", "False", null, null)));
        String reason = cluster.statusReason();
        // verifyLatency's condition, kept by markStatus as the reason: "CrossCloudRtt=True: worst 6.33 ms (…)".
        if (reason != null && reason.startsWith(LATENCY_CONDITION) && reason.indexOf(':') > LATENCY_CONDITION.length()) {
            conditions.add(new Views.Condition("CrossCloudRtt",
                    reason.substring(LATENCY_CONDITION.length(), reason.indexOf(':')), "Measured",
                    reason.substring(reason.indexOf(':') + 1).trim()));
        }
        conditions.addAll(pinConditions(events));
        return conditions;
    }

    /** {@link PinnedConditions} as the view's conditions: True names what differs, False says nothing does. */
    private static List<Views.Condition> pinConditions(List<ProgressEvent> events) {
        PinnedConditions found = PinnedConditions.of(events);
        return List.of(
                found.createOnlyDrift().isEmpty() ? new Views.Condition("CreateOnlyDrift", "False", null, null)
                        : new Views.Condition("CreateOnlyDrift", "True", "FixedAtCreation", found.createOnlyDrift()),
                found.releaseDiffers().isEmpty() ? new Views.Condition("ReleaseDiffers", "False", null, null)
                        : new Views.Condition("ReleaseDiffers", "True", "Pinned", found.releaseDiffers()));
    }

    private JsonNode spec(Cluster cluster) {
        return parse(cluster.spec());
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store holds a value that is not JSON", e);
        }
    }
}
