package dev.overcast.core.region;

import dev.overcast.core.Cloud;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses one region per cloud so that the cluster's worst pairwise round trip is as small as
 * possible, and refuses when even the best set exceeds {@link #MAX_RTT_MS}: etcd and the API
 * server across clouds tolerate a few milliseconds, not tens.
 *
 * <p>Candidates are the regions of each cloud at most {@value #NEARBY_KM} km farther from the
 * location hint than that cloud's nearest region, at most {@value #CANDIDATES_PER_CLOUD} of them (a
 * pinned cloud has only its pinned region): "near us-east" must not wander off to Montreal because
 * the round trips there are a millisecond shorter. Every combination is scored, at most 216 sets. Ties are broken, in order, by the smaller sum of all pairs' round trips, the smaller
 * total distance from the hint, and the region ids, so the same input always gives the same set.
 */
public final class RegionSelector {
    public static final double MAX_RTT_MS = 10.0;
    static final int CANDIDATES_PER_CLOUD = 6;
    static final double NEARBY_KM = 500;

    private final RegionCatalog catalog;

    public RegionSelector(RegionCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The best set for a spec's placement: {@code near} a location hint (may be null when a region is
     * pinned) with {@code pinned} region names, both already known to the catalog.
     */
    public RegionSet select(Collection<Cloud> clouds, String near, Map<Cloud, String> pinned) {
        Map<Cloud, Region> regions = new EnumMap<>(Cloud.class);
        pinned.forEach((cloud, name) -> regions.put(cloud, catalog.find(cloud, name)
                .orElseThrow(() -> new IllegalArgumentException("unknown " + cloud + " region " + name))));
        GeoPoint point = near == null ? null : catalog.locate(near)
                .orElseThrow(() -> new IllegalArgumentException("unknown location " + near));
        return select(clouds, point, regions);
    }

    /** The best set near a point, no cloud pinned. */
    public RegionSet select(Collection<Cloud> clouds, GeoPoint near) {
        return select(clouds, near, Map.of());
    }

    /**
     * The best set for {@code clouds}, with the regions in {@code pinned} fixed. {@code near} may be
     * null when at least one region is pinned: the first pinned region is then the anchor.
     *
     * @throws RegionSelectionException when the best set has a pair over {@link #MAX_RTT_MS}
     */
    public RegionSet select(Collection<Cloud> clouds, GeoPoint near, Map<Cloud, Region> pinned) {
        EnumSet<Cloud> wanted = EnumSet.copyOf(clouds);
        GeoPoint anchor = near != null ? near : pinned.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue().location())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a location hint or a pinned region is needed"));

        List<List<Region>> candidates = new ArrayList<>();
        for (Cloud cloud : wanted) {
            Region fixed = pinned.get(cloud);
            candidates.add(fixed != null ? List.of(fixed) : nearest(cloud, anchor));
        }
        Comparator<RegionSet> better = Comparator.comparingDouble(RegionSet::worstRttMillis)
                .thenComparingDouble(RegionSet::totalRttMillis)
                .thenComparingDouble(set -> distanceFrom(set, anchor))
                .thenComparing(RegionSet::toString);
        RegionSet best = null;
        for (List<Region> combination : combinations(candidates)) {
            RegionSet set = RegionSet.of(combination, catalog.latency());
            if (best == null || better.compare(set, best) < 0) {
                best = set;
            }
        }
        if (best.worstRttMillis() > MAX_RTT_MS) {
            RegionPair worst = best.worstPair().orElseThrow();
            String choice = pinned.keySet().containsAll(wanted) ? "the regions given" : "the best region set found";
            throw new RegionSelectionException("no region set keeps every pair within %.0f ms: %s (%s) has %s <-> %s at %.2f ms%s"
                    .formatted(MAX_RTT_MS, choice,
                            best.regions().values().stream().map(Region::id).collect(Collectors.joining(", ")),
                            worst.a().id(), worst.b().id(), worst.rtt().millis(),
                            worst.rtt().measured() ? "" : " (estimated)"), best);
        }
        return best;
    }

    private List<Region> nearest(Cloud cloud, GeoPoint anchor) {
        List<Region> byDistance = catalog.regions(cloud).stream()
                .sorted(Comparator.comparingDouble((Region r) -> r.location().distanceKm(anchor)).thenComparing(Region::name))
                .toList();
        double reach = byDistance.get(0).location().distanceKm(anchor) + NEARBY_KM;
        return byDistance.stream()
                .filter(r -> r.location().distanceKm(anchor) <= reach)
                .limit(CANDIDATES_PER_CLOUD)
                .toList();
    }

    private static double distanceFrom(RegionSet set, GeoPoint anchor) {
        return set.regions().values().stream().mapToDouble(r -> r.location().distanceKm(anchor)).sum();
    }

    private static List<List<Region>> combinations(List<List<Region>> candidates) {
        List<List<Region>> result = new ArrayList<>();
        result.add(List.of());
        for (List<Region> options : candidates) {
            List<List<Region>> next = new ArrayList<>();
            for (List<Region> prefix : result) {
                for (Region option : options) {
                    List<Region> extended = new ArrayList<>(prefix);
                    extended.add(option);
                    next.add(extended);
                }
            }
            result = next;
        }
        return result;
    }
}
