package dev.overcast.store.exceptions;

/** A cluster with this id exists already. */
public final class ClusterAlreadyExistsException extends StoreException {
    public ClusterAlreadyExistsException(String message) {
        super(message);
    }
}
