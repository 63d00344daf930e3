package dev.overcast.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.core.Cloud;
import dev.overcast.core.cluster.ClusterIds;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.preflight.Preflight;
import dev.overcast.core.region.RegionSelectionException;
import dev.overcast.core.spec.InvalidSpecException;
import dev.overcast.core.spec.SpecFormatException;
import dev.overcast.core.spec.SpecReader;
import dev.overcast.core.spec.Violation;
import dev.overcast.functions.RequestRefused;
import dev.overcast.functions.changes.RequestScale;
import dev.overcast.functions.cluster.ClusterPlans;
import dev.overcast.functions.cluster.QuotaAdmission;
import dev.overcast.store.Cluster;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.ProgressEvent;
import dev.overcast.store.Store;
import dev.overcast.store.exceptions.ClusterAlreadyExistsException;
import dev.overcast.store.exceptions.NotLockOwnerException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes that change clusters: create, scale, reconcile, delete. Each checks what it can at once
 * (so a bad request is a 4xx, not a failed flow), then starts the flow through {@link Flows}; rules the
 * steps already own (a scale's checks and queueing) are the steps' own code, called here.
 */
final class ClusterRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterRoutes.class);
    /** openapi.yaml's ScaleRequest: the only fields a scale reads. */
    private static final Set<String> SCALE_FIELDS = Set.of("cloud", "workers");
    /**
     * Spec fields a scale body might name that only a replacement could change: the clouds fix them at
     * creation (see each adapter's create-only attributes) and Overcast replaces a master or a network only
     * on an explicit request, which the API does not offer. Each is refused by name, with why.
     */
    static final Map<String, String> FIXED_AT_CREATION = Map.of(
            "masters", "the control plane is fixed at creation: another count or size would replace masters, which Overcast never does unasked",
            "size", "a worker's machine type is fixed at creation (every cloud changes it only on a stopped machine): another size would replace the workers",
            "regions", "a cloud's region is fixed at creation: another would replace its network and everything in it",
            "near", "the regions were chosen near it at creation and are pinned: another hint would replace networks and everything in them",
            "network", "address ranges are fixed at creation: another range would replace networks and subnets",
            "kubernetesVersion", "the Kubernetes version is pinned at creation: another would need new machines",
            "clouds", "the clouds are fixed at creation: create another cluster to span others");
    /** Draws cluster ids: another tenant must not guess them. */
    private static final SecureRandom IDS = new SecureRandom();

    private final Store store;
    private final Planner planner;
    private final Flows flows;
    private final RequestScale requestScale;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final Optional<Preflight> preflight;
    private final QuotaAdmission admission;

    ClusterRoutes(Store store, Planner planner, Flows flows, ObjectMapper json, InstantSource clock, Optional<Preflight> preflight) {
        this.store = store;
        this.planner = planner;
        this.flows = flows;
        this.preflight = preflight;
        this.admission = new QuotaAdmission(store, new ClusterPlans(store, planner));
        // A scale-up is admitted against the accounts' quotas where the API can read them (as create is).
        this.requestScale = new RequestScale(store, planner, scaled -> preflight.ifPresent(p -> admission.admit(p, scaled)));
        this.json = json;
        this.clock = clock;
    }

    /**
     * Creates a cluster; with {@code dryRun=true} answers what the create would do instead, after the
     * same checks (as Kubernetes' server-side dry run does): the regions, the planned resources and, where
     * the API holds cloud credentials, the preflight of the accounts. Nothing is written.
     */
    ApiResponse create(ApiRequest request) {
        boolean dryRun = dryRun(request);
        JsonNode body = Bodies.object(json, request, "a cluster spec");
        Plan plan = validPlan(body.toString());
        // The dry run's plan is named after the name: the id is drawn only when the cluster is recorded.
        String name = plan.cluster();
        if (store.clusters().findByName(request.tenant(), name).filter(c -> c.status() != ClusterStatus.DELETED).isPresent()) {
            throw exists(name);
        }
        if (dryRun) {
            return ApiResponse.ok(Views.DryRun.of(name, plan, preflight.map(p -> p.run(plan)).orElse(null)));
        }
        // Recorded before the 202, by a conditional write on the tenant's name: of simultaneous creates of
        // one name exactly one gets here, is admitted against the quotas (the others never run the
        // preflight) and starts a flow, and the Location answered exists from now on. A refused admission
        // takes the record back. Another tenant's cluster of the name is another claim: nothing to see.
        String id = ClusterIds.newId(name, IDS);
        Cluster recorded;
        try {
            // The pins are decided under the id: the names in them (each instance's user-data) are the id's.
            String pins = planner.pins(id, SpecReader.parseJson(body.toString())).toJson();
            recorded = store.clusters().create(id, request.tenant(), name, body.toString(), pins);
        } catch (ClusterAlreadyExistsException e) {
            throw exists(name);
        }
        try {
            preflight.ifPresent(p -> admission.admit(p, plan));
        } catch (RequestRefused e) {
            store.clusters().withdraw(recorded);
            throw ApiException.invalid(refusal(e));
        }
        ObjectNode input = json.createObjectNode();
        input.put("tenant", request.tenant());
        input.put("clusterId", id);
        input.set("spec", body);
        // Named from tenant, name and key: a StartExecution the SDK sends again is answered with the same execution.
        String executionArn = started(Flow.CREATE, id, input,
                Optional.of(String.join("\n", request.tenant(), name, request.header("Idempotency-Key").orElse(""))));
        String location = "/clusters/" + name;
        return new ApiResponse(202, Map.of("Location", location),
                new Views.FlowStarted(name, ClusterStatus.CREATING.id(), executionArn, id));
    }

    ApiResponse scale(ApiRequest request) {
        Cluster cluster = live(Clusters.owned(store, request));
        JsonNode body = Bodies.object(json, request, "{\"cloud\": \"aws\", \"workers\": 3}");
        refuseFixedAtCreation(body);
        Bodies.onlyDeclared(body, SCALE_FIELDS);
        String cloud = text(body, "cloud");
        if (cloud != null && Cloud.ofExactId(cloud).isEmpty()) {
            throw ApiException.invalid(new Violation("cloud", "enum", "must be one of aws, gcp, azure, was '" + cloud + "'"));
        }
        RequestScale.Result queued;
        try {
            queued = requestScale.apply(new RequestScale.Request(cluster.id(), cloud, integer(body, "workers"), null));
        } catch (RequestRefused e) {
            throw ApiException.invalid(refusal(e));
        } catch (InvalidSpecException e) {
            throw ApiException.invalid("the scaled spec breaks rules", e.violations());
        }
        Optional<Lease> holder = store.locks().current(cluster.id());
        if (holder.isPresent()) {
            return ApiResponse.accepted(new Views.ChangeAccepted(cluster.name(), true, queued.seq(), null,
                    holder.get().purpose().id()));
        }
        String executionArn = started(Flow.RECONCILE, cluster.id(), reconcileInput(cluster.id(), LeasePurpose.SCALE));
        return ApiResponse.accepted(new Views.ChangeAccepted(cluster.name(), false, queued.seq(), executionArn, null));
    }

    ApiResponse reconcile(ApiRequest request) {
        Cluster cluster = live(Clusters.owned(store, request));
        Optional<Lease> holder = store.locks().current(cluster.id());
        if (holder.isPresent()) {
            // The holder converges the cluster and drains its queue before it lets go: nothing to start.
            return ApiResponse.accepted(new Views.ChangeAccepted(cluster.name(), true, null, null, holder.get().purpose().id()));
        }
        String executionArn = started(Flow.RECONCILE, cluster.id(), reconcileInput(cluster.id(), LeasePurpose.RECONCILE));
        return ApiResponse.accepted(new Views.ChangeAccepted(cluster.name(), false, null, executionArn, null));
    }

    /**
     * Destroys the cluster. A flow holding its lock is stopped first and its lease released (it will
     * not release it itself once stopped), so a create can be abandoned half-way: destroy deletes
     * whatever it had built. A destroy already running is answered as if started now.
     */
    ApiResponse delete(ApiRequest request) {
        Cluster cluster = Clusters.owned(store, request);
        if (cluster.status() == ClusterStatus.DELETED) {
            throw ApiException.notFound("no cluster " + cluster.name());
        }
        Optional<Lease> holder = store.locks().current(cluster.id());
        if (holder.isPresent() && holder.get().purpose() == LeasePurpose.DESTROY) {
            return ApiResponse.accepted(new Views.FlowStarted(cluster.name(), ClusterStatus.DELETING.id(), holder.get().owner(), cluster.id()));
        }
        holder.ifPresent(this::stop);
        String executionArn = started(Flow.DESTROY, cluster.id(), json.createObjectNode().put("clusterId", cluster.id()));
        return ApiResponse.accepted(new Views.FlowStarted(cluster.name(), ClusterStatus.DELETING.id(), executionArn, cluster.id()));
    }

    private void stop(Lease lease) {
        LOG.info("stopping {} ({}) of cluster {} to destroy it", lease.owner(), lease.purpose().id(), lease.clusterId());
        flows.stop(lease.owner(), "the cluster is being deleted");
        try {
            store.locks().release(lease);
        } catch (NotLockOwnerException e) {
            throw ApiException.conflict("cluster " + lease.clusterId() + " was locked again while being deleted; retry");
        }
    }

    private String started(Flow flow, String clusterId, JsonNode input) {
        return started(flow, clusterId, input, Optional.empty());
    }

    /** @param seed names the execution when present (the same seed, the same execution); else a fresh name */
    private String started(Flow flow, String clusterId, JsonNode input, Optional<String> seed) {
        String executionArn = flows.start(flow, clusterId, input.toString(), seed);
        store.progress().record(new ProgressEvent(executionArn, clusterId, "api", "started", clock.instant(), flow.machine()));
        LOG.info("started {} for cluster {}: {}", flow.machine(), clusterId, executionArn);
        return executionArn;
    }

    private static ApiException exists(String id) {
        return ApiException.conflict("a cluster named '" + id + "' exists already");
    }

    /** openapi.yaml's {@code dryRun} is a boolean: {@code true} or {@code false}, nothing that merely looks like one. */
    private static boolean dryRun(ApiRequest request) {
        String value = request.query().get("dryRun");
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.invalid(new Violation("dryRun", "type", "must be true or false, was '" + value + "'"));
    }

    private ObjectNode reconcileInput(String clusterId, LeasePurpose purpose) {
        return json.createObjectNode().put("clusterId", clusterId).put("purpose", purpose.id());
    }

    /** Refuses, each by name with rule {@code create-only}, the fields of {@link #FIXED_AT_CREATION} a body names. */
    static void refuseFixedAtCreation(JsonNode body) {
        List<Violation> fixed = new ArrayList<>();
        body.fieldNames().forEachRemaining(field -> {
            String why = FIXED_AT_CREATION.get(field);
            if (why != null) {
                fixed.add(new Violation(field, "create-only", why));
            }
        });
        if (!fixed.isEmpty()) {
            throw ApiException.invalid("the change would need a replacement Overcast does not make", fixed);
        }
    }

    /** Validates and plans the spec, reporting every violation (and a region set over budget) as a 400. */
    private Plan validPlan(String text) {
        try {
            return planner.plan(SpecReader.parseJson(text));
        } catch (InvalidSpecException e) {
            throw ApiException.invalid("the spec breaks " + e.violations().size() + " rule(s)", e.violations());
        } catch (SpecFormatException e) {
            throw ApiException.invalid(new Violation("", "format", e.getMessage()));
        } catch (RegionSelectionException e) {
            throw ApiException.invalid(new Violation("near", "max-rtt", e.getMessage()));
        }
    }

    private static Cluster live(Cluster cluster) {
        if (cluster.status() == ClusterStatus.DELETING || cluster.status() == ClusterStatus.DELETED) {
            throw ApiException.conflict("cluster " + cluster.name() + " is " + cluster.status().id());
        }
        return cluster;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(new Violation(field, "type", "must be a string"));
        }
        return value.textValue();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw ApiException.invalid(new Violation(field, "type", "must be a whole number"));
        }
        return value.intValue();
    }

    /** A step's refusal reads {@code field: why}; the API lists it as a violation of that field. */
    private static Violation refusal(RequestRefused e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        return colon < 0 ? new Violation("", "refused", message)
                : new Violation(message.substring(0, colon), "refused", message.substring(colon + 2));
    }
}
