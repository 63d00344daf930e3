package dev.overcast.store;

/** What a queued change asks for. */
public enum ChangeKind {
    /** A new worker count. */
    SCALE_WORKERS,
    /** Any other edit of the cluster's spec. */
    EDIT_SPEC
}
