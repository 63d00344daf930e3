package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place ownership tags are spelled. Every resource Overcast creates carries both tags, set
 * in the create call itself; observe and destroy find resources by them, and nothing without them
 * is ever touched.
 *
 * <p>GCP labels allow only lowercase letters, digits, {@code -} and {@code _} (keys must start with
 * a letter, both at most 63 characters), so the colon becomes {@code -} there and values are
 * lower-cased and truncated. AWS tags and Azure tags keep the canonical spelling.
 */
public final class OwnershipTags {
    public static final String CLUSTER = "overcast:cluster";
    public static final String RESOURCE = "overcast:resource";

    private static final int GCP_LABEL_MAX = 63;

    private OwnershipTags() {
    }

    /** The tags (AWS, Azure) or labels (GCP) for one resource of one cluster, in that cloud's spelling. */
    public static Map<String, String> of(Cloud cloud, String clusterId, String resourceName) {
        Map<String, String> tags = new TreeMap<>();
        tags.put(key(cloud, CLUSTER), value(cloud, clusterId));
        tags.put(key(cloud, RESOURCE), value(cloud, resourceName));
        return tags;
    }

    /** The tag or label key in that cloud's spelling. */
    public static String key(Cloud cloud, String canonicalKey) {
        return cloud == Cloud.GCP ? sanitiseForGcp(canonicalKey.replace(':', '-')) : canonicalKey;
    }

    /** The tag or label value in that cloud's spelling. */
    public static String value(Cloud cloud, String canonicalValue) {
        return cloud == Cloud.GCP ? sanitiseForGcp(canonicalValue) : canonicalValue;
    }

    /** Whether tags observed on a cloud resource say it belongs to the cluster. */
    public static boolean ownedBy(Cloud cloud, Map<String, String> observedTags, String clusterId) {
        return observedTags != null && value(cloud, clusterId).equals(observedTags.get(key(cloud, CLUSTER)));
    }

    /** The resource name recorded in observed tags, or {@code null} when absent. */
    public static String resourceName(Cloud cloud, Map<String, String> observedTags) {
        return observedTags == null ? null : observedTags.get(key(cloud, RESOURCE));
    }

    private static String sanitiseForGcp(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        return lower.length() > GCP_LABEL_MAX ? lower.substring(0, GCP_LABEL_MAX) : lower;
    }
}
