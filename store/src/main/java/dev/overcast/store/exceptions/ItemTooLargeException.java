package dev.overcast.store.exceptions;

/** An item over DynamoDB's 400 KB limit; refused before anything was written. */
public final class ItemTooLargeException extends StoreException {
    public ItemTooLargeException(String message) {
        super(message);
    }
}
