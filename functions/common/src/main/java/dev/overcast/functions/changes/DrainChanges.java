package dev.overcast.functions.changes;

import dev.overcast.functions.LeaseRef;
import dev.overcast.functions.Step;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.ProgressEvent;
import dev.overcast.store.Store;
import java.time.InstantSource;

/** Applies every queued change to the spec under the lease; the machine converges again when any was applied. */
public final class DrainChanges extends Step<LeaseRef, DrainChanges.Result> {

    public record Result(String clusterId, int applied) {
    }

    private final Store store;
    private final InstantSource clock;

    public DrainChanges(Store store, InstantSource clock) {
        super(LeaseRef.class, DrainChanges.Result.class);
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Result apply(LeaseRef lease) {
        int applied = store.changes().drain(lease.lease(LeasePurpose.SCALE), new WorkerScaling());
        if (applied > 0) {
            store.progress().record(new ProgressEvent(lease.owner(), lease.clusterId(), "drain", "succeeded",
                    clock.instant(), applied + " queued change(s) applied"));
        }
        return new Result(lease.clusterId(), applied);
    }
}
