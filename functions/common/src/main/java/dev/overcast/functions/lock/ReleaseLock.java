package dev.overcast.functions.lock;

import dev.overcast.functions.LeaseRef;
import dev.overcast.functions.Step;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.Store;
import dev.overcast.store.exceptions.NotLockOwnerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the lease and says how many changes are still queued: a change enqueued after the holder's
 * last drain but before this release found the lock held, so the machine takes the lock again for it.
 */
public final class ReleaseLock extends Step<LeaseRef, ReleaseLock.Result> {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseLock.class);

    /** @param released false when someone else had taken the lock over already (nothing to free) */
    public record Result(String clusterId, boolean released, int pendingChanges) {
    }

    private final Store store;

    public ReleaseLock(Store store) {
        super(LeaseRef.class, ReleaseLock.Result.class);
        this.store = store;
    }

    @Override
    public Result apply(LeaseRef lease) {
        boolean released = true;
        try {
            // The purpose plays no part in release's condition; any value names the same lease.
            store.locks().release(lease.lease(LeasePurpose.RECONCILE));
        } catch (NotLockOwnerException e) {
            LOG.warn("lease {} of cluster {} was taken over before release: {}", lease.token(), lease.clusterId(), e.getMessage());
            released = false;
        }
        return new Result(lease.clusterId(), released, store.changes().pending(lease.clusterId()).size());
    }
}
