package dev.overcast.store.exceptions;

/** A cluster status change that {@link dev.overcast.core.cluster.ClusterStatus#canMoveTo} forbids. */
public final class IllegalStatusTransitionException extends StoreException {
    public IllegalStatusTransitionException(String message) {
        super(message);
    }
}
