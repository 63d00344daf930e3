package dev.overcast.core.spec;

import dev.overcast.core.Cloud;
import dev.overcast.core.address.AddressBlocks;
import dev.overcast.core.address.AddressDefaults;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.region.RegionSelectionException;
import dev.overcast.core.region.RegionSelector;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@link ClusterSpec} against every rule and returns every violation at once. Rules that
 * depend on other fields (the round-trip budget needs known regions, overlaps need parseable CIDRs)
 * are checked only when those fields are themselves valid, so one mistake is reported once.
 */
public final class SpecValidator {
    /** DNS-1123 label that also starts with a letter, as GCP resource names must. */
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    public static final int MAX_NAME_LENGTH = 40;
    private static final Set<Integer> MASTER_COUNTS = Set.of(1, 3, 5);
    static final int MAX_WORKERS = 100;
    private static final Pattern KUBERNETES_VERSION = Pattern.compile("1\\.(\\d+)(\\.\\d+)?");
    static final int OLDEST_MINOR = 29;
    static final int NEWEST_MINOR = 33;

    private final RegionCatalog regions;
    private final InstanceCatalog instances;

    public SpecValidator(RegionCatalog regions, InstanceCatalog instances) {
        this.regions = regions;
        this.instances = instances;
    }

    public static SpecValidator standard() {
        return new SpecValidator(RegionCatalog.standard(), InstanceCatalog.standard());
    }

    public List<Violation> validate(ClusterSpec spec) {
        List<Violation> out = new ArrayList<>();
        checkName(spec.name(), out);
        boolean cloudsValid = checkClouds(spec.clouds(), out);
        List<Cloud> clouds = spec.cloudList();
        boolean placementValid = checkPlacement(spec, clouds, out);
        if (cloudsValid && placementValid) {
            checkRoundTrips(spec, clouds, out);
        }
        checkMasters(spec.masters(), clouds, out);
        checkWorkers(spec, clouds, out);
        checkNetwork(spec.networkOrDefault(), clouds, out);
        checkKubernetesVersion(spec.kubernetesVersion(), out);
        return out;
    }

    /** Throws {@link InvalidSpecException} with every violation, if there is any. */
    public void requireValid(ClusterSpec spec) {
        List<Violation> violations = validate(spec);
        if (!violations.isEmpty()) {
            throw new InvalidSpecException(violations);
        }
    }

    private static void checkName(String name, List<Violation> out) {
        if (name == null || name.isEmpty()) {
            out.add(new Violation("name", "required", "is required"));
            return;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            out.add(new Violation("name", "max-length", "must be at most %d characters, was %d".formatted(MAX_NAME_LENGTH, name.length())));
        }
        if (!isDnsLabel(name)) {
            out.add(new Violation("name", "dns-label",
                    "must be lowercase letters, digits and '-', start with a letter and end with a letter or digit, was '%s'".formatted(name)));
        }
    }

    /** Lowercase letters, digits and '-', starting with a letter and ending with a letter or digit (any length). */
    public static boolean isDnsLabel(String text) {
        return NAME.matcher(text).matches();
    }

    private static boolean checkClouds(List<String> clouds, List<Violation> out) {
        if (clouds == null || clouds.isEmpty()) {
            out.add(new Violation("clouds", "required", "must list 1 to 3 of aws, gcp, azure"));
            return false;
        }
        int before = out.size();
        if (clouds.size() > Cloud.values().length) {
            out.add(new Violation("clouds", "count", "must list 1 to 3 clouds, was " + clouds.size()));
        }
        Set<Cloud> seen = new HashSet<>();
        for (int i = 0; i < clouds.size(); i++) {
            Optional<Cloud> cloud = Cloud.ofExactId(clouds.get(i));
            if (cloud.isEmpty()) {
                out.add(new Violation("clouds." + i, "enum", "must be one of aws, gcp, azure, was '%s'".formatted(clouds.get(i))));
            } else if (!seen.add(cloud.get())) {
                out.add(new Violation("clouds." + i, "unique", "'%s' is listed twice".formatted(clouds.get(i))));
            }
        }
        return out.size() == before;
    }

    /** Region names and the location hint; true when region selection can run. */
    private boolean checkPlacement(ClusterSpec spec, List<Cloud> clouds, List<Violation> out) {
        int before = out.size();
        Map<String, String> pinned = spec.regions() == null ? Map.of() : spec.regions();
        for (Map.Entry<String, String> entry : new LinkedHashMap<>(pinned).entrySet()) {
            String field = "regions." + entry.getKey();
            Optional<Cloud> cloud = knownCloudKey(entry.getKey(), field, clouds, out);
            if (cloud.isPresent() && regions.find(cloud.get(), entry.getValue()).isEmpty()) {
                out.add(new Violation(field, "region", "'%s' is not a known %s region".formatted(entry.getValue(), cloud.get())));
            }
        }
        if (spec.near() != null && regions.locate(spec.near()).isEmpty()) {
            out.add(new Violation("near", "location",
                    "'%s' is neither a known place (e.g. us-east, eu-central, frankfurt, tokyo) nor 'latitude,longitude'".formatted(spec.near())));
        }
        if (spec.near() == null && pinned.isEmpty()) {
            out.add(new Violation("near", "required", "give a location hint ('near') or a region for each cloud ('regions')"));
        }
        return out.size() == before;
    }

    private void checkRoundTrips(ClusterSpec spec, List<Cloud> clouds, List<Violation> out) {
        Map<Cloud, String> pinned = spec.pinnedRegions();
        try {
            new RegionSelector(regions).select(clouds, spec.near(), pinned);
        } catch (RegionSelectionException e) {
            out.add(new Violation(pinned.isEmpty() ? "near" : "regions", "max-rtt", e.getMessage()));
        }
    }

    private void checkMasters(MachinePool masters, List<Cloud> clouds, List<Violation> out) {
        if (masters == null) {
            out.add(new Violation("masters", "required", "is required, e.g. {count: 3, size: medium}"));
            return;
        }
        if (masters.count() == null || !MASTER_COUNTS.contains(masters.count())) {
            out.add(new Violation("masters.count", "one-of", "must be 1, 3 or 5, was " + masters.count()));
        }
        // Masters go round-robin over the clouds, so the size must exist on each cloud that gets one.
        int placed = masters.count() == null ? clouds.size() : Math.min(masters.count(), clouds.size());
        checkSize("masters.size", masters.sizeOrDefault(), clouds.subList(0, Math.max(0, placed)), out);
    }

    private void checkWorkers(ClusterSpec spec, List<Cloud> clouds, List<Violation> out) {
        if (spec.workers() == null) {
            return;
        }
        for (Map.Entry<String, MachinePool> entry : new LinkedHashMap<>(spec.workers()).entrySet()) {
            String field = "workers." + entry.getKey();
            Optional<Cloud> cloud = knownCloudKey(entry.getKey(), field, clouds, out);
            MachinePool pool = entry.getValue();
            if (pool == null) {
                out.add(new Violation(field, "required", "needs a count, e.g. {count: 2, size: medium}"));
                continue;
            }
            if (pool.count() == null || pool.count() < 0 || pool.count() > MAX_WORKERS) {
                out.add(new Violation(field + ".count", "range", "must be between 0 and %d, was %s".formatted(MAX_WORKERS, pool.count())));
            }
            cloud.ifPresent(c -> checkSize(field + ".size", pool.sizeOrDefault(), List.of(c), out));
        }
    }

    private void checkSize(String field, String size, List<Cloud> clouds, List<Violation> out) {
        for (Cloud cloud : clouds) {
            if (instances.resolve(cloud, size).isEmpty()) {
                out.add(new Violation(field, "size", "'%s' is neither a size (%s) nor an instance type of the %s catalog (%s)"
                        .formatted(size, String.join(", ", InstanceCatalog.SIZES), cloud, String.join(", ", instances.types(cloud)))));
            }
        }
    }

    private static Optional<Cloud> knownCloudKey(String key, String field, List<Cloud> clouds, List<Violation> out) {
        Optional<Cloud> cloud = Cloud.ofExactId(key);
        if (cloud.isEmpty()) {
            out.add(new Violation(field, "enum", "'%s' is not a cloud (aws, gcp, azure)".formatted(key)));
            return Optional.empty();
        }
        if (!clouds.contains(cloud.get())) {
            out.add(new Violation(field, "in-clouds", "'%s' is not one of the spec's clouds".formatted(key)));
            return Optional.empty();
        }
        return cloud;
    }

    private static void checkNetwork(NetworkSpec network, List<Cloud> clouds, List<Violation> out) {
        Map<String, IPAddress> ranges = new LinkedHashMap<>();
        Set<String> custom = new HashSet<>();
        Map<String, String> vpcs = network.vpcCidrs() == null ? Map.of() : network.vpcCidrs();
        for (String key : vpcs.keySet()) {
            knownCloudKey(key, "network.vpcCidrs." + key, clouds, out);
        }
        for (Cloud cloud : clouds) {
            String field = "network.vpcCidrs." + cloud.id();
            if (vpcs.containsKey(cloud.id())) {
                custom.add(field);
            }
            range(field, network.vpcCidr(cloud), 8, 20, out).ifPresent(r -> ranges.put(field, r));
        }
        if (network.podCidr() != null) {
            custom.add("network.podCidr");
        }
        range("network.podCidr", network.podCidr() == null ? AddressDefaults.POD_CIDR : network.podCidr(),
                8, 16, out).ifPresent(r -> ranges.put("network.podCidr", r));
        if (network.serviceCidr() != null) {
            custom.add("network.serviceCidr");
        }
        range("network.serviceCidr", network.serviceCidr() == null ? AddressDefaults.SERVICE_CIDR : network.serviceCidr(),
                12, 24, out).ifPresent(r -> ranges.put("network.serviceCidr", r));

        List<String> fields = List.copyOf(ranges.keySet());
        for (int i = 0; i < fields.size(); i++) {
            for (int j = i + 1; j < fields.size(); j++) {
                String a = fields.get(i);
                String b = fields.get(j);
                if (AddressBlocks.overlap(ranges.get(a), ranges.get(b))) {
                    // Name the range the user wrote; when both are defaults the user cannot have caused it.
                    String field = custom.contains(a) ? a : b;
                    String other = field.equals(a) ? b : a;
                    out.add(new Violation(field, "overlap", "%s overlaps %s %s%s".formatted(ranges.get(field).toCanonicalString(), other,
                            ranges.get(other).toCanonicalString(), custom.contains(other) ? "" : " (default)")));
                }
            }
        }
    }

    private static Optional<IPAddress> range(String field, String cidr, int minPrefix, int maxPrefix, List<Violation> out) {
        IPAddress address;
        try {
            address = AddressBlocks.parse(cidr);
        } catch (AddressStringException e) {
            out.add(new Violation(field, "cidr", "'%s' is not an IPv4 CIDR like 10.10.0.0/16".formatted(cidr)));
            return Optional.empty();
        }
        int prefix = address.getNetworkPrefixLength();
        if (!address.isPrefixBlock()) {
            out.add(new Violation(field, "cidr", "'%s' has host bits set; did you mean %s?".formatted(cidr, address.toPrefixBlock().toCanonicalString())));
            return Optional.empty();
        }
        if (prefix < minPrefix || prefix > maxPrefix) {
            out.add(new Violation(field, "prefix-length", "must be a /%d to /%d, was /%d".formatted(minPrefix, maxPrefix, prefix)));
            return Optional.empty();
        }
        if (!address.toIPv4().isPrivate()) {
            out.add(new Violation(field, "private", "'%s' must be a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)".formatted(cidr)));
            return Optional.empty();
        }
        return Optional.of(address);
    }

    private static void checkKubernetesVersion(String version, List<Violation> out) {
        if (version == null) {
            return;
        }
        Matcher m = KUBERNETES_VERSION.matcher(version);
        if (!m.matches()) {
            out.add(new Violation("kubernetesVersion", "format", "must look like 1.31 or 1.31.2, was '%s'".formatted(version)));
            return;
        }
        int minor = Integer.parseInt(m.group(1));
        if (minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
            out.add(new Violation("kubernetesVersion", "supported", "must be 1.%d to 1.%d, was %s".formatted(OLDEST_MINOR, NEWEST_MINOR, version)));
        }
    }
}
