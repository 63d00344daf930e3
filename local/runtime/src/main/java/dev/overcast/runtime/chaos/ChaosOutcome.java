package dev.overcast.runtime.chaos;

import java.util.List;

/**
 * One chaos run: create, damage by hand, reconcile, scale, destroy.
 *
 * @param failures    what went wrong, one line each (a flow that failed, a resource not repaired); empty when converged
 * @param duplicates  planned names held twice by a cloud at some check
 * @param leaked      live resources still owned by the cluster after its destroy
 * @param lostChanges queued scale requests not applied
 * @param refused     why admission refused the create (the accounts' quotas cannot hold it), null when admitted:
 *                    nothing was built, which is the right outcome, not a failure to converge
 */
public record ChaosOutcome(String cluster, List<String> failures, List<String> duplicates, List<String> leaked, int lostChanges,
                           String refused) {

    public ChaosOutcome(String cluster, List<String> failures, List<String> duplicates, List<String> leaked, int lostChanges) {
        this(cluster, failures, duplicates, leaked, lostChanges, null);
    }

    /** A run whose create was refused at admission. */
    public static ChaosOutcome refusedAtAdmission(String cluster, String reason) {
        return new ChaosOutcome(cluster, List.of(), List.of(), List.of(), 0, reason);
    }

    public boolean wasRefused() {
        return refused != null;
    }

    public boolean converged() {
        return failures.isEmpty() && !wasRefused();
    }

    public boolean clean() {
        return (converged() || wasRefused()) && duplicates.isEmpty() && leaked.isEmpty() && lostChanges == 0;
    }
}
