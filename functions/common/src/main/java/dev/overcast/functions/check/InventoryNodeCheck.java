package dev.overcast.functions.check;

import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.Store;
import java.util.Set;
import java.util.stream.Collectors;

/** Nodes as the clouds see them: planned instances whose inventory row says READY (running). */
public final class InventoryNodeCheck implements NodeCheck {
    private final Store store;

    public InventoryNodeCheck(Store store) {
        this.store = store;
    }

    @Override
    public NodeReport nodes(Plan plan) {
        Set<String> instances = plan.resources().stream().filter(r -> r.kind() == ResourceKind.INSTANCE)
                .map(Resource::name).collect(Collectors.toSet());
        long ready = store.inventory().list(plan.cluster()).stream()
                .filter(e -> instances.contains(e.name()) && e.state() == ResourceState.READY)
                .map(InventoryEntry::name).distinct().count();
        return new NodeReport(instances.size(), (int) ready);
    }
}
