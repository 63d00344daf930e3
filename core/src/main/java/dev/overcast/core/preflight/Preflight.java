package dev.overcast.core.preflight;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.Plan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Runs each cloud's preflight on what a plan demands of it. */
public final class Preflight {

    private final Map<Cloud, CloudPreflight> byCloud = new EnumMap<>(Cloud.class);

    public Preflight(List<? extends CloudPreflight> clouds) {
        for (CloudPreflight cloud : clouds) {
            if (byCloud.put(cloud.cloud(), cloud) != null) {
                throw new IllegalArgumentException("two preflights for " + cloud.cloud());
            }
        }
    }

    public PreflightReport run(Plan plan) {
        return run(CloudDemand.of(plan));
    }

    /** Runs each cloud's preflight on a demand, e.g. a plan's together with what running flows will still create. */
    public PreflightReport run(Map<Cloud, CloudDemand> demands) {
        List<Check> checks = new ArrayList<>();
        demands.forEach((cloud, demand) -> {
            CloudPreflight preflight = byCloud.get(cloud);
            if (preflight == null) {
                checks.add(Check.fail(cloud, Check.ACCOUNT, "configured", "the plan uses " + cloud + " but no account is configured for it",
                        "configure the " + cloud + " account (docs/deploy.md, \"Onboarding a customer account\")"));
            } else {
                checks.addAll(preflight.run(demand));
            }
        });
        return new PreflightReport(checks);
    }
}
