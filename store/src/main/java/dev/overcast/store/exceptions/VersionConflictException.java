package dev.overcast.store.exceptions;

/** An optimistic write lost: the item changed since it was read. */
public final class VersionConflictException extends StoreException {
    public VersionConflictException(String message) {
        super(message);
    }
}
