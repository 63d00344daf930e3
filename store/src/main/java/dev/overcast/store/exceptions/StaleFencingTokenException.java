package dev.overcast.store.exceptions;

/** A write made under a lease that is no longer current: expired, released or taken over. */
public final class StaleFencingTokenException extends StoreException {
    public StaleFencingTokenException(String message) {
        super(message);
    }
}
