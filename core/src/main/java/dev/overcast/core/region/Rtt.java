package dev.overcast.core.region;

/**
 * A round-trip time between two regions.
 *
 * @param millis   round trip in milliseconds
 * @param measured true when it comes from the measured matrix, false when {@link LatencyModel} estimated it
 */
public record Rtt(double millis, boolean measured) {

    @Override
    public String toString() {
        return "%.2f ms%s".formatted(millis, measured ? "" : " (estimate)");
    }
}
