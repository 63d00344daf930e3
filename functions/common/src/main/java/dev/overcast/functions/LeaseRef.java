package dev.overcast.functions;

import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import java.time.Instant;

/**
 * The lease a flow holds, as it travels between states: the execution that owns it and its fencing
 * token. Renewal, release and every fenced write condition on exactly these two.
 */
public record LeaseRef(String clusterId, String owner, long token) {

    public LeaseRef {
        Inputs.requireText("clusterId", clusterId);
        Inputs.requireText("owner", owner);
        if (token < 1) {
            throw new RequestRefused("token: must be a fencing token from acquireLock (>= 1), was " + token);
        }
    }

    public static LeaseRef of(Lease lease) {
        return new LeaseRef(lease.clusterId(), lease.owner(), lease.fencingToken());
    }

    /** The store's lease; purpose and expiry play no part in its conditions. */
    public Lease lease(LeasePurpose purpose) {
        return new Lease(clusterId, owner, purpose, token, Instant.EPOCH);
    }
}
