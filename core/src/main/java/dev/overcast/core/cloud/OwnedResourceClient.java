package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What every cloud's resource clients share, whatever the SDK: the cloud and kind they serve, the guard
 * against a resource of another kind, the default update (drift is reported, never silently ignored), and
 * observations built with that cloud and kind. Observe, create and delete stay with each cloud's base,
 * as finding, starting and removing differ per API.
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

    /** By default nothing can change in place: a differing attribute is reported, never silently ignored. */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        requireOwnKind(desired);
        Map<String, String> drift = PlannedAttributes.drift(desired, observed);
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
