package dev.overcast.core.diff;

import dev.overcast.core.cloud.Observation;
import dev.overcast.core.plan.Resource;
import java.util.List;

/**
 * One step towards the plan.
 *
 * @param type     create, update or delete
 * @param name     the resource's name
 * @param desired  the planned resource (null for deleting an orphan)
 * @param observed what the cloud has (null for a create)
 * @param reasons  why: the drifted attribute keys of an update, {@code failed} or {@code orphan} for a delete,
 *                 {@code missing} or {@code failed} for a create
 */
public record Action(ActionType type, String name, Resource desired, Observation observed, List<String> reasons) {

    public Action {
        reasons = List.copyOf(reasons);
    }

    @Override
    public String toString() {
        return type + " " + name + " " + reasons;
    }
}
