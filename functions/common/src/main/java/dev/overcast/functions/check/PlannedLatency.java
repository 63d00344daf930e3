package dev.overcast.functions.check;

import dev.overcast.core.plan.Plan;

/** The planner's round trips (measured between the regions, or estimated where never measured). */
public final class PlannedLatency implements LatencyCheck {

    @Override
    public LatencyReport worst(Plan plan) {
        return plan.regions().worstPair()
                .map(p -> new LatencyReport(p.rtt().millis(), p.a().cloud() + "/" + p.a().name() + " <-> "
                        + p.b().cloud() + "/" + p.b().name(), false))
                .orElse(new LatencyReport(0, null, false));
    }
}
