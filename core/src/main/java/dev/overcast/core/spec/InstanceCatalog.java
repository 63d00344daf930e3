package dev.overcast.core.spec;

import dev.overcast.core.catalog.CsvResource;
import dev.overcast.core.Cloud;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The machine types a spec may ask for: the size classes {@code small}/{@code medium}/{@code large}/
 * {@code xlarge} (2/4/8/16 vCPUs, 4 GiB per vCPU, current general-purpose families) and a list of
 * other real types allowed by name. Loaded from {@code /instances/instance-types.csv}.
 */
public final class InstanceCatalog {
    public static final List<String> SIZES = List.of("small", "medium", "large", "xlarge");

    /** Ubuntu 22.04 LTS per cloud, as each cloud's API accepts a "latest of a family" reference. */
    private static final Map<Cloud, String> IMAGES = Map.of(
            // EC2 resolves an SSM public parameter given as ImageId, so no region-specific AMI id is needed.
            Cloud.AWS, "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
            Cloud.GCP, "projects/ubuntu-os-cloud/global/images/family/ubuntu-2204-lts",
            Cloud.AZURE, "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest");

    private static final InstanceCatalog STANDARD = load();

    private final Map<Cloud, Map<String, String>> sizeToType;
    private final Map<Cloud, SortedSet<String>> allowedTypes;
    private final Map<Cloud, Map<String, Integer>> vcpus;

    private InstanceCatalog(Map<Cloud, Map<String, String>> sizeToType, Map<Cloud, SortedSet<String>> allowedTypes,
            Map<Cloud, Map<String, Integer>> vcpus) {
        this.sizeToType = sizeToType;
        this.allowedTypes = allowedTypes;
        this.vcpus = vcpus;
    }

    public static InstanceCatalog standard() {
        return STANDARD;
    }

    private static InstanceCatalog load() {
        Map<Cloud, Map<String, String>> sizes = new EnumMap<>(Cloud.class);
        Map<Cloud, SortedSet<String>> types = new EnumMap<>(Cloud.class);
        Map<Cloud, Map<String, Integer>> vcpus = new EnumMap<>(Cloud.class);
        for (Map<String, String> row : CsvResource.rows("/instances/instance-types.csv")) {
            Cloud cloud = Cloud.fromId(row.get("cloud")).orElseThrow(() -> new IllegalStateException("unknown cloud: " + row));
            types.computeIfAbsent(cloud, c -> new TreeSet<>()).add(row.get("type"));
            vcpus.computeIfAbsent(cloud, c -> new TreeMap<>()).put(row.get("type"), Integer.valueOf(row.get("vcpus")));
            if (!row.get("size").isBlank()) {
                sizes.computeIfAbsent(cloud, c -> new TreeMap<>()).put(row.get("size"), row.get("type"));
            }
        }
        return new InstanceCatalog(sizes, types, vcpus);
    }

    /** The cloud's machine type for a size class or an allowed explicit type; empty when it is neither. */
    public Optional<String> resolve(Cloud cloud, String size) {
        String bySize = sizeToType.getOrDefault(cloud, Map.of()).get(size);
        if (bySize != null) {
            return Optional.of(bySize);
        }
        return allowedTypes.getOrDefault(cloud, Collections.emptySortedSet()).contains(size) ? Optional.of(size) : Optional.empty();
    }

    /** Every machine type allowed by name on the cloud, sorted. */
    public List<String> types(Cloud cloud) {
        return List.copyOf(allowedTypes.getOrDefault(cloud, Collections.emptySortedSet()));
    }

    /** The vCPUs of a catalogued machine type; empty for a type the catalog does not list. */
    public Optional<Integer> vcpus(Cloud cloud, String type) {
        return Optional.ofNullable(vcpus.getOrDefault(cloud, Map.of()).get(type));
    }

    /**
     * The name under which a cloud counts a machine type's vCPUs against a per-family quota: GCP's metric
     * ({@code n2-standard-4} → {@code N2_CPUS}), Azure's usage ({@code Standard_D4s_v5} → {@code standardDSv5Family}:
     * series letters upper-cased, size number dropped); AWS counts every catalogued family (M, C, R, T) under
     * one {@code standard} on-demand quota.
     */
    public static String vcpuFamily(Cloud cloud, String type) {
        return switch (cloud) {
            case AWS -> "standard";
            case GCP -> {
                int dash = type.indexOf('-');
                yield (dash < 0 ? type : type.substring(0, dash)).toUpperCase(java.util.Locale.ROOT) + "_CPUS";
            }
            case AZURE -> {
                String bare = type.replaceFirst("(?i)^Standard_", "");
                int version = bare.indexOf("_v");
                String series = (version < 0 ? bare : bare.substring(0, version)).replaceAll("[0-9]", "").toUpperCase(java.util.Locale.ROOT);
                yield "standard" + series + (version < 0 ? "" : bare.substring(version + 1)) + "Family";
            }
        };
    }

    public String image(Cloud cloud) {
        return IMAGES.get(cloud);
    }
}
