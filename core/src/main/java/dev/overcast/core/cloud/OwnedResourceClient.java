package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every cloud's resource clients share, whatever the SDK: the cloud and kind they serve, the guard
 * against a resource of another kind, the adopt-or-create skeleton of {@link #create}, the default update
 * (drift is reported, never silently ignored), and observations built with that cloud and kind. Observe,
 * starting, completing and removing stay with each cloud's base and kind, as they differ per API.
 */
public abstract class OwnedResourceClient implements ResourceClient {

    private final Cloud cloud;
    private final ResourceKind kind;

    protected OwnedResourceClient(Cloud cloud, ResourceKind kind) {
        this.cloud = cloud;
        this.kind = kind;
    }

    @Override
    public final Cloud cloud() {
        return cloud;
    }

    @Override
    public final ResourceKind kind() {
        return kind;
    }

    /**
     * Adopt or create: a resource of the planned name that is not being deleted is adopted and {@link #complete
     * completed} (a crash between two calls may have left parts of it undone); one that is being deleted goes
     * to {@link #beingDeleted}; otherwise the create is {@link #start started}, ownership included, and completed
     * at once where the cloud allows it ({@link #completeAfterStart}).
     */
    @Override
    public final Observation create(String clusterId, Resource desired, Dependencies dependencies) {
        requireOwnKind(desired);
        List<Observation> named = named(clusterId, desired);
        Optional<Observation> live = named.stream().filter(o -> o.state() != ResourceState.DELETING).findFirst();
        if (live.isPresent()) {
            return complete(clusterId, desired, live.get(), dependencies);
        }
        if (!named.isEmpty()) {
            beingDeleted(desired, named.get(0));
        }
        Observation started = start(clusterId, desired, dependencies);
        return completeAfterStart() ? complete(clusterId, desired, started, dependencies) : started;
    }

    /** The cluster's resources of this kind that carry the planned name, any state; by default read off {@link #observe}. */
    protected List<Observation> named(String clusterId, Resource desired) {
        return observe(clusterId, desired.region()).stream().filter(o -> o.name().equals(desired.name())).toList();
    }

    /** Issues the create, ownership included, and reports what was made or started. */
    protected abstract Observation start(String clusterId, Resource desired, Dependencies dependencies);

    /**
     * Finishes the parts of a composite resource (a VPC's routes, a gateway's router or attachment, a firewall's
     * rules) that a crash between two calls may have left undone; a one-part kind has none.
     */
    protected Observation complete(String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        return found;
    }

    /**
     * Whether a resource just started can be completed in the same call: true where the create answers with a
     * usable resource (EC2 ids); false where the parts wait for an operation to finish (Compute, ARM), so a
     * later create completes them.
     */
    protected boolean completeAfterStart() {
        return false;
    }

    /**
     * Only a resource of the planned name that is being deleted exists. By default the create is refused,
     * retryably, to be made once the old one is gone: where the name is the resource's identity (a Compute
     * name, an ARM resource id) a create now addresses the resource that is leaving (Compute answers
     * {@code alreadyExists}, ARM's PUT is create-or-update on that id while its delete runs), and adopting it
     * would hand converge a resource about to vanish. A cloud whose names are only tags, on resources with ids
     * of their own (EC2), returns instead, and a new resource is created beside the old one.
     */
    protected void beingDeleted(Resource desired, Observation leaving) {
        throw new RetryableCloudException(cloud, "Create", "resourceBeingDeleted",
                kind + " " + desired.name() + " is still being deleted; create it once it is gone", null);
    }

    /**
     * By default nothing can change in place: a differing attribute is reported, never silently ignored.
     * Create-only attributes are left out: their drift is converge's to report, not a failed update.
     */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        requireOwnKind(desired);
        Map<String, String> drift = PlannedAttributes.drift(desired, observed);
        drift.keySet().removeAll(createOnly());
        if (!drift.isEmpty()) {
            throw PlannedAttributes.notUpdatable(desired, drift);
        }
        return observed;
    }

    protected final void requireOwnKind(Resource desired) {
        if (desired.kind() != kind || desired.cloud() != cloud) {
            throw new IllegalArgumentException("a " + kind + " client on " + cloud.id() + " cannot handle " + desired.kind()
                    + " on " + desired.cloud());
        }
    }

    protected final void requireOwnKind(Observation observed) {
        if (observed.kind() != kind) {
            throw new IllegalArgumentException("a " + kind + " client cannot delete a " + observed.kind());
        }
    }

    /** An observation of this cloud and kind; the attributes are copied into a sorted map. */
    protected final Observation observation(String name, String region, String cloudId, ResourceState state,
                                            Map<String, String> attributes, Map<String, String> tags) {
        return new Observation(name, kind, cloud, region, cloudId, state, new TreeMap<>(attributes), tags);
    }

    /**
     * An observation of a listed resource, or nothing when it carries no resource-name tag (then it is not
     * ours to report, whatever its cluster tag says).
     */
    protected final Optional<Observation> owned(String region, String cloudId, ResourceState state,
                                                Map<String, String> attributes, Map<String, String> tags) {
        String name = OwnershipTags.resourceName(cloud, tags);
        return name == null ? Optional.empty() : Optional.of(observation(name, region, cloudId, state, attributes, tags));
    }

    /** What a create call just made or started, tagged as asked (some create responses omit the tags). */
    protected final Observation created(String clusterId, Resource desired, String cloudId, ResourceState state,
                                        Map<String, String> attributes) {
        return observation(desired.name(), desired.region(), cloudId, state, attributes,
                OwnershipTags.of(cloud, clusterId, desired.name()));
    }

    /** Observed attributes from key/value pairs; a {@code null} value (the cloud did not say) is left out. */
    protected static Map<String, String> attributes(String... keysAndValues) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
