package dev.overcast.core.region;

/** No region set keeps every pair within the round-trip budget; carries the best set found. */
public class RegionSelectionException extends RuntimeException {
    private final transient RegionSet best;

    public RegionSelectionException(String message, RegionSet best) {
        super(message);
        this.best = best;
    }

    public RegionSet best() {
        return best;
    }
}
