package dev.overcast.store;

import dev.overcast.core.cluster.ClusterStatus;
import java.time.Instant;

/**
 * A cluster as stored: the user's spec (a JSON document the store does not interpret), where it is
 * in its lifecycle, and {@code version}, which every write checks and increments.
 *
 * @param id                the cluster's internal id: every key, lock, event and cloud resource name derives from it
 * @param tenant            who owns it
 * @param spec              the desired state, serialised
 * @param status            lifecycle position
 * @param statusReason      why it is in that status (e.g. the failure), or null
 * @param version           optimistic-concurrency version, 1 on creation
 * @param lastAppliedChange sequence number of the last queued change applied to the spec, 0 if none
 * @param createdAt         creation time
 * @param updatedAt         time of the last write
 * @param name              the cluster's name (its spec's), unique within the tenant while the cluster lives
 * @param pins              what the planner decided when the cluster was recorded (JSON the store does not
 *                          interpret), or null for a cluster recorded before pins existed
 */
public record Cluster(
        String id,
        String tenant,
        String spec,
        ClusterStatus status,
        String statusReason,
        long version,
        long lastAppliedChange,
        Instant createdAt,
        Instant updatedAt,
        String name,
        String pins) {
}
