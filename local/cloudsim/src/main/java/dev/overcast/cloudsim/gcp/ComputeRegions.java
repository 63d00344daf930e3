package dev.overcast.cloudsim.gcp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Compute Engine regions the front serves, each with its zones (a subset of the public list). */
final class ComputeRegions {

    static final Map<String, List<String>> ZONES = Map.ofEntries(
            Map.entry("us-central1", List.of("a", "b", "c", "f")),
            Map.entry("us-east1", List.of("b", "c", "d")),
            Map.entry("us-east4", List.of("a", "b", "c")),
            Map.entry("us-west1", List.of("a", "b", "c")),
            Map.entry("northamerica-northeast1", List.of("a", "b", "c")),
            Map.entry("southamerica-east1", List.of("a", "b", "c")),
            Map.entry("europe-west1", List.of("b", "c", "d")),
            Map.entry("europe-west2", List.of("a", "b", "c")),
            Map.entry("europe-west3", List.of("a", "b", "c")),
            Map.entry("europe-west4", List.of("a", "b", "c")),
            Map.entry("europe-north1", List.of("a", "b", "c")),
            Map.entry("asia-east1", List.of("a", "b", "c")),
            Map.entry("asia-northeast1", List.of("a", "b", "c")),
            Map.entry("asia-south1", List.of("a", "b", "c")),
            Map.entry("asia-southeast1", List.of("a", "b", "c")),
            Map.entry("australia-southeast1", List.of("a", "b", "c")));

    private ComputeRegions() {
    }

    static boolean knownRegion(String region) {
        return ZONES.containsKey(region);
    }

    /** The region of a zone such as {@code europe-west1-b}, when the zone exists. */
    static Optional<String> regionOf(String zone) {
        int dash = zone.lastIndexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String region = zone.substring(0, dash);
        List<String> letters = ZONES.get(region);
        return letters != null && letters.contains(zone.substring(dash + 1)) ? Optional.of(region) : Optional.empty();
    }

    static List<String> zones(String region) {
        return ZONES.getOrDefault(region, List.of()).stream().map(letter -> region + "-" + letter).toList();
    }

    static List<String> allZones() {
        return ZONES.keySet().stream().sorted().flatMap(region -> zones(region).stream()).toList();
    }
}
