package dev.overcast.store;

/**
 * Folds one queued change into a cluster's spec. It must be a pure function of its arguments: a drain
 * that crashes before committing a change calls it again for the same change on the same spec.
 */
@FunctionalInterface
public interface ChangeApplier {
    /** Returns the spec with {@code change} applied. */
    String apply(String spec, QueuedChange change);
}
