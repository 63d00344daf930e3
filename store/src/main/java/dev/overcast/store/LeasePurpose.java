package dev.overcast.store;

import java.util.Locale;

/** Why a flow holds a cluster's lease; shown to whoever finds the cluster locked. */
public enum LeasePurpose {
    CREATE,
    SCALE,
    RECONCILE,
    DESTROY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
