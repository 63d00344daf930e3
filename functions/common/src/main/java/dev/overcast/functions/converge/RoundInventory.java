package dev.overcast.functions.converge;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.converge.History;
import dev.overcast.core.converge.Mode;
import dev.overcast.core.converge.RoundOutcome;
import dev.overcast.core.converge.RoundPlanner;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.InventoryStore;
import dev.overcast.store.Lease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inventory rows one converge round reads and rewrites, every write fenced by its lease: what
 * observe found, each row keeping its {@link History}, and the history the round's calls add.
 */
final class RoundInventory {
    private final InventoryStore inventory;
    private final Lease lease;
    private final Cloud cloud;
    private final Mode mode;
    /** The rows by name, as this round rewrites them; rows of resources not observed yet included. */
    private final Map<String, InventoryEntry> rows = new HashMap<>();
    private final List<Observation> recorded;

    RoundInventory(InventoryStore inventory, Lease lease, Cloud cloud, Mode mode) {
        this.inventory = inventory;
        this.lease = lease;
        this.cloud = cloud;
        this.mode = mode;
        inventory.listWithUnobserved(lease.clusterId()).forEach(e -> rows.put(e.name(), e));
        this.recorded = rows.values().stream().filter(InventoryEntry::isObserved).map(InventoryEntry::observation).toList();
    }

    /** Every cloud's observed rows as the rounds before this one recorded them, as observations. */
    List<Observation> recorded() {
        return recorded;
    }

    /** The history each row carries, whichever execution wrote it. */
    Map<String, History> histories() {
        Map<String, History> histories = new HashMap<>();
        rows.values().forEach(e -> histories.put(e.name(), e.history()));
        return histories;
    }

    /**
     * Rows of this cloud's observed kinds := what observe found; rows of resources that are gone are
     * removed, unless {@link RoundPlanner#remembersGone} keeps them, as rows not observed.
     */
    void record(Plan plan, List<Observation> observed, Set<ResourceKind> kinds, Instant now) {
        Map<String, InventoryEntry> written = new LinkedHashMap<>();
        observed.forEach(o -> written.putIfAbsent(o.name(), InventoryEntry.observed(lease.clusterId(), o, now,
                rows.containsKey(o.name()) ? rows.get(o.name()).history() : null)));
        List<String> gone = new ArrayList<>();
        rows.values().stream().filter(e -> e.cloud() == cloud && kinds.contains(e.kind()) && !written.containsKey(e.name()))
                .forEach(e -> {
                    if (!RoundPlanner.remembersGone(mode, plan, e.name(), e.history(), lease.owner())) {
                        gone.add(e.name());
                    } else if (e.isObserved()) {
                        written.put(e.name(), e.unobserved());
                    }
                });
        gone.forEach(rows::remove);
        write(written);
        if (!gone.isEmpty()) {
            inventory.removeAll(lease, gone);
        }
    }

    /** Writes the history the round's calls added, and what they updated (see {@link RoundOutcome#updated}). */
    void remember(Plan plan, RoundOutcome outcome) {
        Map<String, InventoryEntry> written = new LinkedHashMap<>();
        outcome.changed().forEach((name, history) -> {
            InventoryEntry row = rows.get(name);
            written.put(name, row != null ? row.withHistory(history)
                    : InventoryEntry.unobserved(lease.clusterId(), plan.byName().get(name), history));
        });
        outcome.updated().forEach(o -> written.put(o.name(),
                InventoryEntry.observed(lease.clusterId(), o, outcome.now(), outcome.changed().get(o.name()))));
        write(written);
    }

    private void write(Map<String, InventoryEntry> written) {
        rows.putAll(written);
        inventory.putAll(lease, List.copyOf(written.values()));
    }
}
