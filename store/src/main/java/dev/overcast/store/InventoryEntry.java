package dev.overcast.store;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.converge.History;
import dev.overcast.core.plan.Resource;
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
 * @param state      last observed state, or null while the cloud has not listed it (yet): a row that
 *                   only carries a flow's history, see {@link #isObserved()}
 * @param attributes last observed attributes and outputs
 * @param observedAt when it was observed
 * @param history    what the converging execution did to it so far, or null
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
        Instant observedAt,
        History history) {

    public InventoryEntry {
        attributes = attributes == null ? new TreeMap<>() : new TreeMap<>(attributes);
    }

    public InventoryEntry(String clusterId, String name, ResourceKind kind, Cloud cloud, String region,
            String cloudId, ResourceState state, Map<String, String> attributes, Instant observedAt) {
        this(clusterId, name, kind, cloud, region, cloudId, state, new TreeMap<>(attributes), observedAt, null);
    }

    /** What an adapter's {@code observe} reported, as the cluster's inventory row. */
    public static InventoryEntry observed(String clusterId, Observation observation, Instant observedAt, History history) {
        return new InventoryEntry(clusterId, observation.name(), observation.kind(), observation.cloud(),
                observation.region(), observation.cloudId(), observation.state(), observation.attributes(), observedAt, history);
    }

    /** The row of a planned resource the cloud has not listed yet, kept for what a flow did to it. */
    public static InventoryEntry unobserved(String clusterId, Resource planned, History history) {
        return new InventoryEntry(clusterId, planned.name(), planned.kind(), planned.cloud(), planned.region(),
                null, null, new TreeMap<>(), null, history);
    }

    /** Whether the cloud listed the resource; {@link InventoryStore#list} returns only such rows. */
    public boolean isObserved() {
        return state != null;
    }

    /** An observed row as the observation it was made from. */
    public Observation observation() {
        return new Observation(name, kind, cloud, region, cloudId, state, attributes, OwnershipTags.of(cloud, clusterId, name));
    }

    public InventoryEntry withHistory(History newHistory) {
        return new InventoryEntry(clusterId, name, kind, cloud, region, cloudId, state, attributes, observedAt, newHistory);
    }

    /** The same row, now that the cloud no longer lists the resource. */
    public InventoryEntry unobserved() {
        return new InventoryEntry(clusterId, name, kind, cloud, region, null, null, new TreeMap<>(), null, history);
    }
}
