package dev.overcast.core.cloud;

/** Lifecycle of an observed resource, mapped from each cloud's own states by its adapter. */
public enum ResourceState {
    /** Being created: exists, not usable yet (e.g. an Azure gateway for 30–45 minutes). */
    CREATING,
    READY,
    /** Being changed in place. */
    UPDATING,
    DELETING,
    /** The cloud gave up on it; it must be deleted and created again. */
    FAILED;

    public boolean settled() {
        return this == READY || this == FAILED;
    }
}
