package dev.overcast.store.exceptions;

/** A renew or release by someone who does not hold the lease (any more). */
public final class NotLockOwnerException extends StoreException {
    public NotLockOwnerException(String message) {
        super(message);
    }
}
