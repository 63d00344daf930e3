package dev.overcast.clouds.gcp.internal;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compute spellings of {@link OwnershipTags}. Addresses, VPN gateways, tunnels and instances carry labels;
 * networks, subnetworks, firewall rules and routers have no labels in Compute's API, so they carry the same
 * two pairs in their {@code description} ({@code overcast-cluster=C overcast-resource=R}) and are found
 * with a regular-expression filter on it.
 */
public final class Ownership {

    private static final String CLUSTER_KEY = OwnershipTags.key(Cloud.GCP, OwnershipTags.CLUSTER);
    private static final String RESOURCE_KEY = OwnershipTags.key(Cloud.GCP, OwnershipTags.RESOURCE);
    private static final Pattern DESCRIPTION = Pattern.compile(
            Pattern.quote(CLUSTER_KEY) + "=([a-z0-9_-]*) " + Pattern.quote(RESOURCE_KEY) + "=([a-z0-9_-]*)");

    private Ownership() {
    }

    public static Map<String, String> labels(String clusterId, String resourceName) {
        return OwnershipTags.of(Cloud.GCP, clusterId, resourceName);
    }

    /** A list filter for everything the cluster owns, by label. */
    public static String clusterLabelFilter(String clusterId) {
        return "labels." + CLUSTER_KEY + " = \"" + OwnershipTags.value(Cloud.GCP, clusterId) + "\"";
    }

    /** The {@code description} of a resource without labels. */
    public static String description(String clusterId, String resourceName) {
        Map<String, String> labels = labels(clusterId, resourceName);
        return CLUSTER_KEY + "=" + labels.get(CLUSTER_KEY) + " " + RESOURCE_KEY + "=" + labels.get(RESOURCE_KEY);
    }

    /** A list filter for everything the cluster owns, by description; label values need no regex escaping. */
    public static String clusterDescriptionFilter(String clusterId) {
        return "description eq \"" + CLUSTER_KEY + "=" + OwnershipTags.value(Cloud.GCP, clusterId) + " .*\"";
    }

    /** The ownership pairs a description carries, as labels would; empty when it carries none. */
    public static Map<String, String> fromDescription(String description) {
        Map<String, String> tags = new TreeMap<>();
        Matcher m = DESCRIPTION.matcher(description == null ? "" : description);
        if (m.find()) {
            tags.put(CLUSTER_KEY, m.group(1));
            tags.put(RESOURCE_KEY, m.group(2));
        }
        return tags;
    }

    /** The cluster an observation's ownership names (in its GCP spelling, which filters accept as given). */
    public static String clusterOf(Map<String, String> labels) {
        return labels.get(CLUSTER_KEY);
    }

    public static String resourceName(Map<String, String> labels) {
        return OwnershipTags.resourceName(Cloud.GCP, labels);
    }
}
