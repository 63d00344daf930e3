package dev.overcast.core.diff;

/** What the reconciler does to one resource. */
public enum ActionType {
    CREATE,
    /** Repair drift in place. */
    UPDATE,
    DELETE
}
