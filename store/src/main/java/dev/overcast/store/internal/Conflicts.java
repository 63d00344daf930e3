package dev.overcast.store.internal;

import dev.overcast.store.exceptions.VersionConflictException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Retries a write that DynamoDB rejected only because another transaction was touching the same item
 * at that moment (a lease renewal racing a guarded write): no condition failed, so trying again is
 * safe. The SDK's retry policy does not cover these.
 */
public final class Conflicts {
    private static final int ATTEMPTS = 8;
    private static final long BASE_BACKOFF_NANOS = 2_000_000;

    private Conflicts() {
    }

    public static <T> T retrying(String what, Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (TransactionConflictException | TransactionCanceledException e) {
                if (!onlyConflicts(e) || attempt == ATTEMPTS) {
                    if (onlyConflicts(e)) {
                        throw new VersionConflictException(what + " kept conflicting with concurrent transactions ("
                                + ATTEMPTS + " attempts)");
                    }
                    throw e;
                }
                long backoff = BASE_BACKOFF_NANOS << Math.min(attempt, 6);
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(backoff / 2, backoff));
            }
        }
    }

    private static boolean onlyConflicts(RuntimeException e) {
        if (e instanceof TransactionConflictException) {
            return true;
        }
        TransactionCanceledException canceled = (TransactionCanceledException) e;
        return canceled.hasCancellationReasons()
                && canceled.cancellationReasons().stream().map(CancellationReason::code)
                        .allMatch(code -> code == null || "None".equals(code) || "TransactionConflict".equals(code))
                && canceled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }
}
