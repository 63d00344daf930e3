package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Set;

/**
 * The external client for one kind of resource on one cloud, after Crossplane's four verbs. Every
 * verb is idempotent, so a flow that crashed between a cloud call and recording its result simply
 * calls it again. Failures are {@link dev.overcast.core.cloud.exceptions.RetryableCloudException}
 * or {@link dev.overcast.core.cloud.exceptions.TerminalCloudException}.
 *
 * <p>Verbs start work and return: long operations (a 45-minute gateway) are observed again later
 * by the flow, never waited for inside a call.
 */
public interface ResourceClient {

    Cloud cloud();

    ResourceKind kind();

    /**
     * Every resource of this kind that the cluster owns in the region, found by ownership tag with
     * one batched (paginated) list call: the cost is flat in the number of resources.
     */
    List<Observation> observe(String clusterId, String region);

    /**
     * Starts creating the resource with its ownership tags set in the create call. If an owned
     * resource of that name exists already, returns it unchanged.
     */
    Observation create(String clusterId, Resource desired, Dependencies dependencies);

    /** Repairs drift in place; called only for an observation that {@link #observe} returned. */
    Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies);

    /** Starts deleting; a resource that is already gone is success. */
    void delete(Observation observed);

    /**
     * How long this kind takes to build, settle, delete and update on this cloud, by the provider's published
     * figures: the flows poll when a resource should be ready, and the benchmark's lower bound adds them up.
     */
    default KindTimings timings() {
        return KindTimings.INSTANT;
    }

    /**
     * The planned attributes this cloud fixes when it creates the resource (each client cites the
     * provider's documentation). Drift in one of them is reported, as a condition and an event, never
     * repaired in place and never a failure: whether the resource is replaced is the flows' rule, not the client's.
     */
    default Set<String> createOnly() {
        return Set.of();
    }
}
