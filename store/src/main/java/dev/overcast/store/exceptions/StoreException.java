package dev.overcast.store.exceptions;

/**
 * A write or read the store refused. Every refusal DynamoDB expresses as a failed condition reaches
 * callers as one of the subclasses, each a single failure, never as an SDK exception.
 */
public abstract class StoreException extends RuntimeException {
    protected StoreException(String message) {
        super(message);
    }
}
