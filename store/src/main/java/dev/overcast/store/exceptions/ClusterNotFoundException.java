package dev.overcast.store.exceptions;

/** No cluster with this id. */
public final class ClusterNotFoundException extends StoreException {
    public ClusterNotFoundException(String message) {
        super(message);
    }
}
