package dev.overcast.functions.check;

import dev.overcast.core.plan.Plan;

/** The worst round trip between the cluster's clouds, measured (bootstrap) or as planned ({@link PlannedLatency}). */
public interface LatencyCheck {

    LatencyReport worst(Plan plan);

    /** @param pair e.g. {@code aws/us-east-1 ↔ gcp/us-east4}; null for a single-cloud cluster */
    record LatencyReport(double worstMillis, String pair, boolean measured) {
    }
}
