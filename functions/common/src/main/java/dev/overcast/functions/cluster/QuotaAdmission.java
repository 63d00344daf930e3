package dev.overcast.functions.cluster;

import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.preflight.Check;
import dev.overcast.core.preflight.CloudDemand;
import dev.overcast.core.preflight.Preflight;
import dev.overcast.functions.RequestRefused;
import dev.overcast.store.Cluster;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.Store;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Admission against the accounts' quotas: a create or a scale-up is let in only if every resource it
 * still has to create fits in what each account has left, counting what Overcast's own running flows
 * (clusters creating or scaling) are about to create there — the clouds' usage counts only what exists.
 * A refusal carries the preflight's words, so the user learns at once what a flow would have failed on
 * half an hour later.
 */
public final class QuotaAdmission {
    private static final Set<ClusterStatus> IN_FLIGHT = EnumSet.of(ClusterStatus.CREATING, ClusterStatus.SCALING);
    private static final String QUOTA_CHECK = "quota ";

    /** A create or scale refused because the accounts' quotas cannot hold it. */
    public static final class QuotaRefused extends RequestRefused {
        public QuotaRefused(String message) {
            super(message);
        }
    }

    private final Store store;
    private final ClusterPlans plans;

    public QuotaAdmission(Store store, ClusterPlans plans) {
        this.store = store;
        this.plans = plans;
    }

    /**
     * Refuses {@code plan} (a new cluster's, or a cluster's scaled plan) when the preflight finds a quota
     * that cannot hold what it and the running flows still have to create.
     *
     * @throws QuotaRefused naming each quota, what is needed, the limit, what is in use, and the remedy
     */
    public void admit(Preflight preflight, Plan plan) {
        List<Resource> demand = new ArrayList<>(yetToCreate(plan));
        for (Cluster other : store.clusters().list()) {
            if (IN_FLIGHT.contains(other.status()) && !other.id().equals(plan.cluster())) {
                demand.addAll(yetToCreate(plans.plan(other)));
            }
        }
        List<Check> refused = preflight.run(CloudDemand.of(demand)).failures().stream()
                .filter(check -> check.name().startsWith(QUOTA_CHECK)).toList();
        if (!refused.isEmpty()) {
            throw new QuotaRefused("quota: " + refused.stream()
                    .map(c -> c.cloud().id() + " " + c.scope() + " " + c.name() + ": " + c.detail() + " (counting the running flows); "
                            + c.remedy())
                    .collect(Collectors.joining("; ")));
        }
    }

    /** The plan's resources its cluster's inventory does not hold yet (all of them for a new cluster). */
    private List<Resource> yetToCreate(Plan plan) {
        Set<String> recorded = store.inventory().list(plan.cluster()).stream().map(InventoryEntry::name).collect(Collectors.toSet());
        return plan.resources().stream().filter(r -> !recorded.contains(r.name())).toList();
    }
}
