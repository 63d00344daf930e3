package dev.overcast.functions.lock;

import dev.overcast.functions.Inputs;
import dev.overcast.functions.LeaseRef;
import dev.overcast.functions.Step;
import dev.overcast.store.LeasePurpose;
import dev.overcast.store.Store;
import java.time.Duration;

/**
 * Takes the cluster's lease for one execution. A held lock fails with the store's
 * {@code LockHeldException}, whose class name the machines Catch to report "locked by …".
 */
public final class AcquireLock extends Step<AcquireLock.Request, LeaseRef> {
    /**
     * Longer than any gap between two converge rounds (a Wait of at most a few minutes plus retries);
     * every converge round renews it, so a 45-minute gateway build keeps the lease.
     */
    public static final Duration TTL = Duration.ofMinutes(20);

    /** @param owner the execution id ({@code $$.Execution.Id}), so a retried step re-enters its own lease */
    public record Request(String clusterId, String owner, String purpose) {
    }

    private final Store store;

    public AcquireLock(Store store) {
        super(AcquireLock.Request.class, LeaseRef.class);
        this.store = store;
    }

    @Override
    public LeaseRef apply(Request request) {
        LeasePurpose purpose = Inputs.oneOf("purpose", request.purpose(), LeasePurpose.class);
        return LeaseRef.of(store.locks().acquire(Inputs.requireText("clusterId", request.clusterId()),
                Inputs.requireText("owner", request.owner()), purpose, TTL));
    }
}
