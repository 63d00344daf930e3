package dev.overcast.store.exceptions;

/** The cluster's lease is held by another owner and has not expired. */
public final class LockHeldException extends StoreException {
    public LockHeldException(String message) {
        super(message);
    }
}
