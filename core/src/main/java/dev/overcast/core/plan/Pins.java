package dev.overcast.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the planner decided for a cluster when it was recorded, kept with the cluster so that later
 * plans use these values and never a later release's defaults (Crossplane's late initialisation).
 * Every map is keyed by cloud id unless said otherwise.
 *
 * @param plannerVersion    the {@link Planner#VERSION} that decided
 * @param kubernetesVersion the minor version installed
 * @param regions           the region of each cloud
 * @param zones             the zones each cloud's subnets and instances were spread over
 * @param instanceTypes     {@code <cloud>/<size>} → the machine type it resolved to
 * @param images            the image of each cloud's instances
 * @param networks          each cloud's network range
 * @param podCidr           the cluster's pod range
 * @param serviceCidr       the cluster's service range
 * @param userData          instance name → SHA-256 of the user-data it was planned with: user-data is
 *                          rendered by code a release may change, and a digest says whether it did
 *                          without keeping kilobytes per instance in the record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pins(int plannerVersion, String kubernetesVersion, SortedMap<String, String> regions,
                   SortedMap<String, List<String>> zones, SortedMap<String, String> instanceTypes,
                   SortedMap<String, String> images, SortedMap<String, String> networks, String podCidr,
                   String serviceCidr, SortedMap<String, String> userData) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public Pins {
        regions = sorted(regions);
        zones = sorted(zones);
        instanceTypes = sorted(instanceTypes);
        images = sorted(images);
        networks = sorted(networks);
        userData = sorted(userData);
    }

    /** The key of {@link #instanceTypes}. */
    public static String instanceTypeKey(String cloud, String size) {
        return cloud + "/" + size;
    }

    public static String digest(String userData) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(userData.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pins are plain data and always serialise", e);
        }
    }

    /** @throws IllegalArgumentException when the stored text is not pins */
    public static Pins fromJson(String json) {
        try {
            return JSON.readValue(json, Pins.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored pins are not readable: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * What {@code release} decided that differs from these pins, one line each ({@code kubernetesVersion:
     * pinned 1.31, this release 1.32}); user-data as the instances whose rendering changed. Keys the
     * release did not decide (an instance it no longer plans) and keys only it decided are not differences.
     */
    public List<String> differences(Pins release) {
        List<String> lines = new ArrayList<>();
        difference(lines, "kubernetesVersion", kubernetesVersion, release.kubernetesVersion);
        difference(lines, "podCidr", podCidr, release.podCidr);
        difference(lines, "serviceCidr", serviceCidr, release.serviceCidr);
        differences(lines, "regions", regions, release.regions);
        differences(lines, "zones", zones, release.zones);
        differences(lines, "instanceTypes", instanceTypes, release.instanceTypes);
        differences(lines, "images", images, release.images);
        differences(lines, "networks", networks, release.networks);
        TreeSet<String> rendered = new TreeSet<>();
        userData.forEach((instance, digest) -> {
            String other = release.userData.get(instance);
            if (other != null && !other.equals(digest)) {
                rendered.add(instance);
            }
        });
        if (!rendered.isEmpty()) {
            lines.add("userData: this release renders it differently for " + rendered);
        }
        return lines;
    }

    private static <V> void differences(List<String> lines, String field, Map<String, V> pinned, Map<String, V> release) {
        pinned.forEach((key, value) -> difference(lines, field + "." + key, value, release.get(key)));
    }

    private static void difference(List<String> lines, String field, Object pinned, Object release) {
        if (pinned != null && release != null && !Objects.equals(pinned, release)) {
            lines.add(field + ": pinned " + pinned + ", this release " + release);
        }
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }
}
