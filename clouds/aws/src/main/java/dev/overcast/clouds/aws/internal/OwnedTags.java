package dev.overcast.clouds.aws.internal;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** EC2 spellings of {@link OwnershipTags}: the tag specifications of a create call and the filters of a describe. */
public final class OwnedTags {

    /** Shown as the resource's name in the console; not used to find anything. */
    private static final String NAME = "Name";

    private OwnedTags() {
    }

    /** Tags for the create call itself, so nothing ever exists untagged. */
    public static TagSpecification specification(ResourceType type, String clusterId, String resourceName) {
        List<Tag> tags = new ArrayList<>();
        OwnershipTags.of(Cloud.AWS, clusterId, resourceName).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        tags.add(Tag.builder().key(NAME).value(resourceName).build());
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }

    /** Everything the cluster owns. */
    public static List<Filter> ofCluster(String clusterId) {
        return List.of(tag(OwnershipTags.CLUSTER, clusterId));
    }

    /** The one resource of the cluster recorded under that name. */
    public static List<Filter> ofResource(String clusterId, String resourceName) {
        return List.of(tag(OwnershipTags.CLUSTER, clusterId), tag(OwnershipTags.RESOURCE, resourceName));
    }

    public static Map<String, String> asMap(List<Tag> tags) {
        Map<String, String> map = new TreeMap<>();
        if (tags != null) {
            tags.forEach(t -> map.put(t.key(), t.value()));
        }
        return map;
    }

    /** The resource name a resource is recorded under, or {@code null} when it carries none. */
    public static String resourceName(List<Tag> tags) {
        return OwnershipTags.resourceName(Cloud.AWS, asMap(tags));
    }

    private static Filter tag(String canonicalKey, String value) {
        return Filter.builder()
                .name("tag:" + OwnershipTags.key(Cloud.AWS, canonicalKey))
                .values(OwnershipTags.value(Cloud.AWS, value))
                .build();
    }
}
