package dev.overcast.functions.check;

import dev.overcast.core.plan.Plan;

/**
 * How many of a cluster's planned nodes have joined and are ready. The Kubernetes bootstrap plugs in
 * a reader of the cluster's API; until a cluster has one, {@link InventoryNodeCheck} answers from the
 * cloud's view of the instances.
 */
public interface NodeCheck {

    NodeReport nodes(Plan plan);

    record NodeReport(int expected, int ready) {
        public boolean allReady() {
            return ready >= expected;
        }
    }
}
