package dev.overcast.store;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.ResourceKind;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Overcast knows of one cloud resource of a cluster.
 *
 * @param clusterId  the cluster it belongs to
 * @param name       the plan's deterministic resource name, unique in the cluster
 * @param kind       resource kind
 * @param cloud      where it lives
 * @param region     the cloud's region
 * @param cloudId    the id the cloud gave it, or null before it exists
 * @param state      last observed state
 * @param attributes last observed attributes and outputs
 * @param observedAt when it was observed
 */
public record InventoryEntry(
        String clusterId,
        String name,
        ResourceKind kind,
        Cloud cloud,
        String region,
        String cloudId,
        ResourceState state,
        SortedMap<String, String> attributes,
        Instant observedAt) {

    public InventoryEntry {
        attributes = attributes == null ? new TreeMap<>() : new TreeMap<>(attributes);
    }

    /** What an adapter's {@code observe} reported, as the cluster's inventory row. */
    public static InventoryEntry observed(String clusterId, Observation observation, Instant observedAt) {
        return new InventoryEntry(clusterId, observation.name(), observation.kind(), observation.cloud(),
                observation.region(), observation.cloudId(), observation.state(), observation.attributes(), observedAt);
    }

    public InventoryEntry(String clusterId, String name, ResourceKind kind, Cloud cloud, String region,
            String cloudId, ResourceState state, Map<String, String> attributes, Instant observedAt) {
        this(clusterId, name, kind, cloud, region, cloudId, state, new TreeMap<>(attributes), observedAt);
    }
}
