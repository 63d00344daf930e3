package dev.overcast.core.region;

import dev.overcast.core.catalog.CsvResource;
import dev.overcast.core.Cloud;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regions Overcast can place a cluster in, the latency between them, and the location hints a
 * spec may give ({@code near: us-east}, {@code near: frankfurt}, {@code near: "50.1,8.7"}). Loaded
 * from {@code /regions/*.csv} on the classpath; see the README there for the data's source.
 */
public final class RegionCatalog {
    private static final Pattern COORDINATES = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)\\s*,\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

    private final Map<String, Region> regionsById;
    private final Map<String, GeoPoint> metros;
    private final LatencyModel latency;

    private RegionCatalog(Map<String, Region> regionsById, Map<String, GeoPoint> metros, LatencyModel latency) {
        this.regionsById = regionsById;
        this.metros = metros;
        this.latency = latency;
    }

    /** The catalog shipped in this jar, loaded on first use. */
    public static RegionCatalog standard() {
        return Shipped.CATALOG;
    }

    /** Holds the shipped catalog; the JVM loads it once, when {@link #standard()} first runs. */
    private static final class Shipped {
        static final RegionCatalog CATALOG = load();
    }

    private static RegionCatalog load() {
        Map<String, Region> regions = new TreeMap<>();
        for (Map<String, String> row : CsvResource.rows("/regions/regions.csv")) {
            Cloud cloud = Cloud.fromId(row.get("cloud")).orElseThrow(() -> new IllegalStateException("unknown cloud in regions.csv: " + row));
            String zones = row.get("zones").trim();
            Region region = new Region(cloud, row.get("region"), row.get("display"),
                    new GeoPoint(Double.parseDouble(row.get("latitude")), Double.parseDouble(row.get("longitude"))),
                    zones.isEmpty() ? List.of() : Arrays.asList(zones.split("\\s+")));
            regions.put(region.id(), region);
        }
        List<LatencyModel.Measurement> measurements = new ArrayList<>();
        for (Map<String, String> row : CsvResource.rows("/regions/rtt.csv")) {
            Region from = regions.get(row.get("from_cloud") + "/" + row.get("from_region"));
            Region to = regions.get(row.get("to_cloud") + "/" + row.get("to_region"));
            // The matrix has a few regions the catalog lacks coordinates for; they cannot be selected anyway.
            if (from != null && to != null) {
                measurements.add(new LatencyModel.Measurement(from, to, Double.parseDouble(row.get("rtt_ms"))));
            }
        }
        Map<String, GeoPoint> metros = new TreeMap<>();
        for (Map<String, String> row : CsvResource.rows("/regions/metros.csv")) {
            metros.put(row.get("name"), new GeoPoint(Double.parseDouble(row.get("latitude")), Double.parseDouble(row.get("longitude"))));
        }
        return new RegionCatalog(Collections.unmodifiableMap(regions), Collections.unmodifiableMap(metros),
                LatencyModel.calibrate(measurements));
    }

    /** This catalog with one metro placed elsewhere, as a later release's {@code metros.csv} might place it. */
    public RegionCatalog withMetro(String name, GeoPoint at) {
        Map<String, GeoPoint> moved = new TreeMap<>(metros);
        moved.put(name, at);
        return new RegionCatalog(regionsById, Collections.unmodifiableMap(moved), latency);
    }

    public Optional<Region> find(Cloud cloud, String name) {
        return Optional.ofNullable(regionsById.get(cloud.id() + "/" + name));
    }

    /** The cloud's regions, sorted by name. */
    public List<Region> regions(Cloud cloud) {
        return regionsById.values().stream().filter(r -> r.cloud() == cloud).toList();
    }

    public LatencyModel latency() {
        return latency;
    }

    public Rtt rtt(Region a, Region b) {
        return latency.between(a, b);
    }

    /** The known location hints, sorted. */
    public List<String> metros() {
        return List.copyOf(metros.keySet());
    }

    /**
     * Where a location hint points: a metro name (case and spaces forgiven: {@code "Sao Paulo"}) or
     * {@code "lat,long"} in decimal degrees. Empty when it is neither.
     */
    public Optional<GeoPoint> locate(String near) {
        if (near == null) {
            return Optional.empty();
        }
        Matcher m = COORDINATES.matcher(near);
        if (m.matches()) {
            double lat = Double.parseDouble(m.group(1));
            double lon = Double.parseDouble(m.group(2));
            if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                return Optional.empty();
            }
            return Optional.of(new GeoPoint(lat, lon));
        }
        String key = near.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
        return Optional.ofNullable(metros.get(key));
    }
}
