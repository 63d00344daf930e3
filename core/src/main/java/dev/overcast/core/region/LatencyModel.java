package dev.overcast.core.region;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Round-trip times between regions: the measured figure when the matrix has one (the mean of both
 * directions when both were measured), otherwise an estimate from great-circle distance:
 *
 * <pre>
 *   rtt_ms ≈ baseMs + inflation × 2 × distance_km / 199.86
 * </pre>
 *
 * 199.86 km/ms is light in fibre (c × 2/3), the factor 2 makes it a round trip, {@code inflation}
 * accounts for fibre routes being longer than the great circle, and {@code baseMs} for switching,
 * the VPN hops and the VMs' own stacks, which dominate between neighbouring data centres.
 *
 * <p>Both constants are calibrated when the model is built: an ordinary least-squares line through
 * the measured pairs at most {@value #CALIBRATION_MAX_KM} km apart. Only short pairs are used
 * because only they can meet the 10 ms budget, and a fit over intercontinental pairs would put
 * {@code baseMs} near 20 ms. On the shipped data that gives inflation ≈ 2.08 and base ≈ 2.9 ms.
 */
public final class LatencyModel {
    /** Light in optical fibre, km per millisecond (c × 2/3). */
    static final double FIBRE_KM_PER_MS = 199.86;
    static final double CALIBRATION_MAX_KM = 1000;

    private final Map<String, Double> measured;
    private final double baseMs;
    private final double inflation;

    private LatencyModel(Map<String, Double> measured, double baseMs, double inflation) {
        this.measured = measured;
        this.baseMs = baseMs;
        this.inflation = inflation;
    }

    /** One directional measurement of the matrix. */
    public record Measurement(Region from, Region to, double millis) {
    }

    /** Builds the model: averages both directions of each pair, then calibrates the estimate on the result. */
    public static LatencyModel calibrate(List<Measurement> measurements) {
        Map<String, double[]> sums = new HashMap<>();
        Map<String, Double> distances = new HashMap<>();
        for (Measurement m : measurements) {
            String key = key(m.from(), m.to());
            double[] sum = sums.computeIfAbsent(key, k -> new double[2]);
            sum[0] += m.millis();
            sum[1]++;
            distances.put(key, m.from().location().distanceKm(m.to().location()));
        }
        Map<String, Double> means = new HashMap<>();
        sums.forEach((key, sum) -> means.put(key, sum[0] / sum[1]));

        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Map.Entry<String, Double> e : means.entrySet()) {
            double km = distances.get(e.getKey());
            if (km > CALIBRATION_MAX_KM) {
                continue;
            }
            double x = 2 * km / FIBRE_KM_PER_MS;
            double y = e.getValue();
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        if (n < 2) {
            throw new IllegalArgumentException("need at least two measured pairs within " + CALIBRATION_MAX_KM + " km to calibrate");
        }
        double inflation = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double base = (sy - inflation * sx) / n;
        return new LatencyModel(Map.copyOf(means), base, inflation);
    }

    public Rtt between(Region a, Region b) {
        if (a.equals(b)) {
            return new Rtt(0, true);
        }
        Double mean = measured.get(key(a, b));
        if (mean != null) {
            return new Rtt(mean, true);
        }
        return new Rtt(estimate(a.location().distanceKm(b.location())), false);
    }

    public double estimate(double distanceKm) {
        return baseMs + inflation * 2 * distanceKm / FIBRE_KM_PER_MS;
    }

    public double baseMs() {
        return baseMs;
    }

    public double inflation() {
        return inflation;
    }

    public int measuredPairs() {
        return measured.size();
    }

    private static String key(Region a, Region b) {
        String x = a.id();
        String y = b.id();
        return x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x;
    }
}
