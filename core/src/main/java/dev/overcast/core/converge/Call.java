package dev.overcast.core.converge;

import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.diff.Action;
import dev.overcast.core.diff.ActionType;
import dev.overcast.core.plan.ResourceKind;

/**
 * One cloud call a round makes, its dependencies already READY.
 *
 * @param action       what the call does, and why
 * @param dependencies the observed dependencies of a create or update
 * @param resume       a create called again for a resource still CREATING, so a kind built in stages
 *                     starts its next one; not a repair: it is neither counted nor logged
 */
public record Call(Action action, Dependencies dependencies, boolean resume) {

    public String name() {
        return action.name();
    }

    public ActionType type() {
        return action.type();
    }

    /** Makes the call on the client of its kind; it starts work and returns. */
    public void on(ResourceClient client, String clusterId) {
        switch (action.type()) {
            case CREATE -> client.create(clusterId, action.desired(), dependencies);
            case UPDATE -> client.update(clusterId, action.desired(), action.observed(), dependencies);
            case DELETE -> client.delete(action.observed());
        }
    }

    public ResourceKind kind() {
        return action.desired() != null ? action.desired().kind() : action.observed().kind();
    }
}
