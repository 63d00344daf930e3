package dev.overcast.core.diff;

import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a plan with what the clouds report and lists the actions that close the gap, in an order
 * that respects dependencies:
 * <ol>
 *   <li>delete orphans (owned by the cluster, not in the plan; also duplicates of a planned name),
 *       dependants first by kind, then by name;</li>
 *   <li>delete planned resources observed FAILED, in the plan's deletion order;</li>
 *   <li>create missing (and failed) resources and update drifted ones, in the plan's creation order.</li>
 * </ol>
 * An observation whose tags do not say the cluster owns it is never acted on. Drift is a planned
 * attribute whose observed value is present and different (clouds do not report everything back).
 * Resources still being created, updated or deleted are left alone until they settle.
 */
public final class Diff {
    static final String MISSING = "missing";
    static final String FAILED = "failed";
    static final String ORPHAN = "orphan";

    private static final Comparator<Observation> DEPENDANTS_FIRST = Comparator
            .comparing(Observation::kind, Comparator.reverseOrder())
            .thenComparing(Observation::name)
            .thenComparing(o -> Objects.requireNonNullElse(o.cloudId(), ""));

    private Diff() {
    }

    public static List<Action> between(Plan plan, Collection<Observation> observations) {
        Map<String, List<Observation>> owned = new HashMap<>();
        for (Observation o : observations) {
            if (OwnershipTags.ownedBy(o.cloud(), o.tags(), plan.cluster())) {
                owned.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o);
            }
        }

        Map<String, Resource> planned = plan.byName();
        List<Observation> orphans = new ArrayList<>();
        Map<String, Observation> matched = new HashMap<>();
        for (Map.Entry<String, List<Observation>> entry : owned.entrySet()) {
            Resource desired = planned.get(entry.getKey());
            List<Observation> same = entry.getValue().stream()
                    .sorted(Comparator.comparing((Observation o) -> o.state() != ResourceState.READY)
                            .thenComparing(o -> Objects.requireNonNullElse(o.cloudId(), "")))
                    .toList();
            for (Observation o : same) {
                boolean isMatch = desired != null && o.kind() == desired.kind() && o.cloud() == desired.cloud()
                        && !matched.containsKey(desired.name());
                if (isMatch) {
                    matched.put(desired.name(), o);
                } else {
                    orphans.add(o);
                }
            }
        }

        List<Action> actions = new ArrayList<>();
        orphans.stream()
                .filter(o -> o.state() != ResourceState.DELETING)
                .sorted(DEPENDANTS_FIRST)
                .forEach(o -> actions.add(new Action(ActionType.DELETE, o.name(), null, o, List.of(ORPHAN))));
        for (Resource r : plan.deletionOrder()) {
            Observation o = matched.get(r.name());
            if (o != null && o.state() == ResourceState.FAILED) {
                actions.add(new Action(ActionType.DELETE, r.name(), r, o, List.of(FAILED)));
            }
        }
        for (Resource r : plan.creationOrder()) {
            Observation o = matched.get(r.name());
            if (o == null) {
                actions.add(new Action(ActionType.CREATE, r.name(), r, null, List.of(MISSING)));
            } else if (o.state() == ResourceState.FAILED) {
                actions.add(new Action(ActionType.CREATE, r.name(), r, null, List.of(FAILED)));
            } else if (o.state() == ResourceState.READY) {
                List<String> drifted = drift(r, o);
                if (!drifted.isEmpty()) {
                    actions.add(new Action(ActionType.UPDATE, r.name(), r, o, drifted));
                }
            }
        }
        return actions;
    }

    private static List<String> drift(Resource desired, Observation observed) {
        List<String> keys = new ArrayList<>();
        desired.attributes().forEach((key, value) -> {
            String seen = observed.attribute(key);
            if (seen != null && !seen.equals(value)) {
                keys.add(key);
            }
        });
        return keys;
    }
}
