package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.ResourceKind;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a cloud says about one resource. Observe decides (exists? ready? what differs?) and the
 * callers only branch on its answer, as in Crossplane's external client.
 *
 * @param name       the resource name recorded in its ownership tag
 * @param kind       resource kind
 * @param cloud      cloud
 * @param region     region
 * @param cloudId    the cloud's own identifier (vpc-…, a GCP self link name, an ARM id)
 * @param state      lifecycle state
 * @param attributes observed values, keyed like the plan's attributes where the cloud lets us read
 *                   them back (diff compares only keys present on both sides), plus outputs keyed by
 *                   {@link dev.overcast.core.plan.Outputs}
 * @param tags       the tags or labels as found, so ownership can be checked
 */
public record Observation(
        String name,
        ResourceKind kind,
        Cloud cloud,
        String region,
        String cloudId,
        ResourceState state,
        SortedMap<String, String> attributes,
        Map<String, String> tags) {

    public Observation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(state, "state");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes == null ? Map.of() : attributes));
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public Observation withState(ResourceState newState) {
        return new Observation(name, kind, cloud, region, cloudId, newState, attributes, tags);
    }
}
