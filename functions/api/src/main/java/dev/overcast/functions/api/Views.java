package dev.overcast.functions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.preflight.PreflightReport;
import dev.overcast.core.region.RegionPair;
import dev.overcast.core.region.RegionSet;
import dev.overcast.store.Cluster;
import dev.overcast.store.ProgressEvent;
import java.util.List;
import java.util.Map;

/** The JSON bodies of {@code openapi.yaml}'s schemas, one record each; timestamps are ISO-8601 text. */
final class Views {
    private Views() {
    }

    /** @param clusterId the cluster's name (the handle of its routes); {@code internalId} is the store's id */
    record FlowStarted(String clusterId, String status, String executionArn, String internalId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChangeAccepted(String clusterId, boolean queued, Long seq, String executionArn, String lockedBy) {
    }

    record ClusterList(List<ClusterSummary> clusters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClusterSummary(String id, String status, String statusReason, List<String> clouds, String createdAt,
                          String updatedAt, String internalId) {
        static ClusterSummary of(Cluster cluster, List<String> clouds) {
            return new ClusterSummary(cluster.name(), cluster.status().id(), cluster.statusReason(), clouds,
                    cluster.createdAt().toString(), cluster.updatedAt().toString(), cluster.id());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClusterDetail(String id, String status, String statusReason, List<String> clouds, String createdAt,
                         String updatedAt, JsonNode spec, Phase phase, Progress progress, RegionSetView regions,
                         Map<String, List<ResourceView>> resources, Reconcile lastReconcile,
                         List<QueuedChangeView> queuedChanges, List<Condition> conditions, String internalId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Phase(String flow, String executionArn, String executionStatus, String state, String startedAt) {
    }

    record Progress(int planned, int ready, int percent) {
    }

    record RegionSetView(List<RegionView> regions, List<PairView> pairs, double worstRttMillis) {
        static RegionSetView of(RegionSet set) {
            return new RegionSetView(
                    set.regions().values().stream()
                            .map(r -> new RegionView(r.cloud().id(), r.name(), r.display())).toList(),
                    set.pairs().stream().map(PairView::of).toList(),
                    set.worstRttMillis());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DryRun(String clusterId, RegionSetView regions, List<PlannedResource> resources, PreflightView preflight) {
        static DryRun of(String clusterId, Plan plan, PreflightReport preflight) {
            return new DryRun(clusterId, RegionSetView.of(plan.regions()),
                    plan.resources().stream().map(PlannedResource::of).toList(),
                    preflight == null ? null : PreflightView.of(preflight));
        }
    }

    record PlannedResource(String name, String kind, String cloud, String region, List<String> dependsOn) {
        static PlannedResource of(Resource resource) {
            return new PlannedResource(resource.name(), resource.kind().id(), resource.cloud().id(), resource.region(),
                    List.copyOf(resource.dependsOn()));
        }
    }

    record PreflightView(boolean passed, List<CheckView> checks) {
        static PreflightView of(PreflightReport report) {
            return new PreflightView(report.passed(), report.checks().stream()
                    .map(c -> new CheckView(c.cloud().id(), c.scope(), c.name(), c.passed(), c.detail(), c.remedy()))
                    .toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record CheckView(String cloud, String scope, String check, boolean passed, String detail, String remedy) {
    }

    record RegionView(String cloud, String region, String display) {
    }

    record PairView(String a, String b, double rttMillis, boolean measured) {
        static PairView of(RegionPair pair) {
            return new PairView(pair.a().id(), pair.b().id(), Math.round(pair.rtt().millis() * 100) / 100.0,
                    pair.rtt().measured());
        }
    }

    record RegionChoice(String near, List<String> clouds, double budgetMillis, List<RegionSetView> sets) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ResourceView(String name, String kind, String region, String cloudId, String state, String observedAt) {
    }

    record Reconcile(String executionArn, String at, List<EventView> repairs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QueuedChangeView(long seq, String kind, JsonNode payload, String enqueuedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Condition(String type, String status, String reason, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventList(List<EventView> events, String cursor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EventView(String at, String executionArn, String step, String status, String detail) {
        static EventView of(ProgressEvent event) {
            return new EventView(event.at().toString(), event.executionId(), event.step(), event.status(), event.detail());
        }
    }
}
