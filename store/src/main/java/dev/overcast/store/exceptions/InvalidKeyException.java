package dev.overcast.store.exceptions;

/** A key attribute DynamoDB would reject (missing, empty, too long); refused before anything was written. */
public final class InvalidKeyException extends StoreException {
    public InvalidKeyException(String message) {
        super(message);
    }
}
