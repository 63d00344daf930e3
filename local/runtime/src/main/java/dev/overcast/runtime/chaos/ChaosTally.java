package dev.overcast.runtime.chaos;

import java.util.List;

/**
 * What N chaos runs added up to.
 *
 * @param converged    runs whose every flow ended as it should (created, repaired, scaled, destroyed)
 * @param refused      runs whose create admission refused on the accounts' quotas (nothing built; not a failure)
 * @param duplicates   planned names for which the cloud held two live resources at a check
 * @param leaked       resources left behind: the accounts' differences before and after all runs, or owned leftovers if more
 * @param lostChanges  scale requests still pending, or not reflected in the workers, after the scale flow
 */
public record ChaosTally(int runs, int converged, int refused, int duplicates, int leaked, int lostChanges) {

    /** @param leaked differences in the accounts before the first run and after the last */
    public static ChaosTally of(List<ChaosOutcome> outcomes, int leaked) {
        return new ChaosTally(outcomes.size(),
                (int) outcomes.stream().filter(ChaosOutcome::converged).count(),
                (int) outcomes.stream().filter(ChaosOutcome::wasRefused).count(),
                outcomes.stream().mapToInt(o -> o.duplicates().size()).sum(),
                Math.max(leaked, outcomes.stream().mapToInt(o -> o.leaked().size()).sum()),
                outcomes.stream().mapToInt(ChaosOutcome::lostChanges).sum());
    }

    /** Every run converged or was refused at admission, and nothing was duplicated, leaked or lost. */
    public boolean clean() {
        return converged + refused == runs && duplicates == 0 && leaked == 0 && lostChanges == 0;
    }

    /** The one summary line {@code overcast chaos} prints. */
    public String line() {
        return "runs=%d converged=%d refused=%d duplicates=%d leaked=%d lost_changes=%d"
                .formatted(runs, converged, refused, duplicates, leaked, lostChanges);
    }
}
