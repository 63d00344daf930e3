package dev.overcast.core.cluster;

import java.util.EnumSet;
import java.util.Set;

/** A cluster's lifecycle; status moves only along {@link #canMoveTo legal transitions}. */
public enum ClusterStatus {
    CREATING,
    READY,
    SCALING,
    RECONCILING,
    DELETING,
    DELETED,
    FAILED;

    /** Whether a cluster in this status may move to {@code next}. Any live status may fail; nothing leaves DELETED. */
    public boolean canMoveTo(ClusterStatus next) {
        return successors().contains(next);
    }

    public Set<ClusterStatus> successors() {
        return switch (this) {
            case CREATING -> EnumSet.of(READY, DELETING, FAILED);
            case READY -> EnumSet.of(SCALING, RECONCILING, DELETING, FAILED);
            case SCALING, RECONCILING -> EnumSet.of(READY, DELETING, FAILED);
            case FAILED -> EnumSet.of(RECONCILING, DELETING, FAILED);
            case DELETING -> EnumSet.of(DELETED, FAILED);
            case DELETED -> EnumSet.noneOf(ClusterStatus.class);
        };
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
