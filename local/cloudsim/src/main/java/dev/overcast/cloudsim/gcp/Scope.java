package dev.overcast.cloudsim.gcp;

/** Where a Compute collection lives: {@code global/…}, {@code regions/R/…} or {@code zones/Z/…}. */
enum Scope {
    GLOBAL,
    REGION,
    ZONE;

    /** The URL path prefix of a location in this scope, e.g. {@code regions/europe-west1}. */
    String path(String location) {
        return switch (this) {
            case GLOBAL -> "global";
            case REGION -> "regions/" + location;
            case ZONE -> "zones/" + location;
        };
    }
}
