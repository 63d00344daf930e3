package dev.overcast.store;

import java.time.Instant;

/**
 * A held lease on one cluster. The fencing token grows with every acquisition of the cluster's lock,
 * so a write carrying an older token than the lock's is from a holder that lost the lease.
 *
 * @param clusterId    the locked cluster
 * @param owner        who holds it: the Step Functions execution id
 * @param purpose      what the holder is doing
 * @param fencingToken the lock's version at acquisition
 * @param expiresAt    when others may take it over unless renewed
 */
public record Lease(String clusterId, String owner, LeasePurpose purpose, long fencingToken, Instant expiresAt) {

    /** Refuses to let this lease guard a write to another cluster. */
    void requireCluster(String cluster) {
        if (!clusterId.equals(cluster)) {
            throw new IllegalArgumentException("a lease on cluster '" + clusterId + "' cannot guard a write to cluster '"
                    + cluster + "'");
        }
    }
}
