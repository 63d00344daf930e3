package dev.overcast.core.region;

import dev.overcast.core.Cloud;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One region per cloud and the round trip of every pair of them.
 *
 * @param regions the chosen region of each cloud, in {@link Cloud} order
 * @param pairs   every pair, in {@link Cloud} order of their first then second cloud
 */
public record RegionSet(Map<Cloud, Region> regions, List<RegionPair> pairs) {

    public RegionSet {
        regions = Collections.unmodifiableMap(new EnumMap<>(regions));
        pairs = List.copyOf(pairs);
    }

    /** The set with every pair's round trip taken from the catalog's latency model. */
    public static RegionSet of(List<Region> regions, LatencyModel latency) {
        Map<Cloud, Region> byCloud = new EnumMap<>(Cloud.class);
        regions.forEach(r -> byCloud.put(r.cloud(), r));
        List<Region> ordered = List.copyOf(byCloud.values());
        List<RegionPair> pairs = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                pairs.add(new RegionPair(ordered.get(i), ordered.get(j), latency.between(ordered.get(i), ordered.get(j))));
            }
        }
        return new RegionSet(byCloud, pairs);
    }

    public Region region(Cloud cloud) {
        return regions.get(cloud);
    }

    /** The pair with the longest round trip, or none for a single cloud. */
    public Optional<RegionPair> worstPair() {
        return pairs.stream().max(Comparator.comparingDouble(p -> p.rtt().millis()));
    }

    public double worstRttMillis() {
        return worstPair().map(p -> p.rtt().millis()).orElse(0.0);
    }

    double totalRttMillis() {
        return pairs.stream().mapToDouble(p -> p.rtt().millis()).sum();
    }

    @Override
    public String toString() {
        return regions.values().toString();
    }
}
