package dev.overcast.runtime.chaos;

import java.util.List;

/**
 * One chaos run: create, damage by hand, reconcile, scale, destroy.
 *
 * @param failures    what went wrong, one line each (a flow that failed, a resource not repaired); empty when converged
 * @param duplicates  planned names held twice by a cloud at some check
 * @param leaked      live resources still owned by the cluster after its destroy
 * @param lostChanges queued scale requests not applied
 */
public record ChaosOutcome(String cluster, List<String> failures, List<String> duplicates, List<String> leaked, int lostChanges) {

    public boolean converged() {
        return failures.isEmpty();
    }

    public boolean clean() {
        return converged() && duplicates.isEmpty() && leaked.isEmpty() && lostChanges == 0;
    }
}
