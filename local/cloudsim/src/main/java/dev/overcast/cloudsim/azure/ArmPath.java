package dev.overcast.cloudsim.azure;

import dev.overcast.cloudsim.world.CloudError;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A request path of the ARM front, parsed case-insensitively as ARM does: one resource
 * ({@code name != null}), a list of one type in a resource group (or under a parent, or in the whole
 * subscription when {@code resourceGroup} is null), or an async operation's status.
 *
 * @param subscription  the subscription id
 * @param resourceGroup the resource group, or null for subscription-level paths (lists of every group)
 * @param type          the resource type, or null for an operation
 * @param parentName    the parent's name for child types (a subnet's virtual network)
 * @param name          the resource's name, or null for a list
 * @param operation     the async operation id, or null
 */
record ArmPath(String subscription, String resourceGroup, ArmType type, String parentName, String name, String operation) {

    static ArmPath parse(String rawPath) {
        List<String> s = Arrays.stream(rawPath.split("/")).filter(p -> !p.isEmpty()).toList();
        if (s.size() < 2 || !is(s, 0, "subscriptions")) {
            throw notFound(rawPath);
        }
        String subscription = s.get(1);
        if (s.size() == 8 && is(s, 2, "providers") && is(s, 4, "locations") && is(s, 6, "operations")) {
            return new ArmPath(subscription, null, null, null, null, s.get(7));
        }
        if (s.size() == 4 && is(s, 2, "operationresults")) {
            return new ArmPath(subscription, null, null, null, null, s.get(3));
        }
        if (s.size() == 3 && is(s, 2, "resourceGroups")) {
            return new ArmPath(subscription, null, ArmType.RESOURCE_GROUP, null, null, null);
        }
        if (s.size() == 5 && is(s, 2, "providers")) {
            ArmType type = ArmType.of(s.get(3), s.get(4), null)
                    .filter(t -> t != ArmType.RESOURCE_GROUP).orElseThrow(() -> unknownType(s.get(3), s.get(4)));
            return new ArmPath(subscription, null, type, null, null, null);
        }
        if (s.size() < 4 || !is(s, 2, "resourceGroups")) {
            throw notFound(rawPath);
        }
        String group = s.get(3);
        if (s.size() == 4) {
            return new ArmPath(subscription, group, ArmType.RESOURCE_GROUP, null, group, null);
        }
        if (s.size() == 5 && is(s, 4, "resources")) {
            return new ArmPath(subscription, group, ArmType.GROUP_RESOURCES, null, null, null);
        }
        if (s.size() < 7 || !is(s, 4, "providers")) {
            throw notFound(rawPath);
        }
        String namespace = s.get(5);
        ArmType type = ArmType.of(namespace, s.get(6), null).orElseThrow(() -> unknownType(namespace, s.get(6)));
        return switch (s.size()) {
            case 7 -> new ArmPath(subscription, group, type, null, null, null);
            case 8 -> new ArmPath(subscription, group, type, null, s.get(7), null);
            case 9, 10 -> {
                ArmType child = ArmType.of(namespace, s.get(8), type).orElseThrow(() -> unknownType(namespace, s.get(8)));
                if (child == ArmType.INSTANCE_VIEW && s.size() == 10) {
                    throw notFound(rawPath);
                }
                yield new ArmPath(subscription, group, child, s.get(7), s.size() == 10 ? s.get(9) : null, null);
            }
            default -> throw notFound(rawPath);
        };
    }

    /** ARM's id of the parent resource, e.g. a subnet's virtual network. */
    String parentId() {
        return parentName == null ? null : prefix() + "/" + type.namespace() + "/" + type.parent().segment() + "/" + parentName;
    }

    /** ARM's id of the named resource, in canonical casing. */
    String id() {
        if (type == ArmType.RESOURCE_GROUP) {
            return groupId(subscription, resourceGroup);
        }
        String base = parentName == null ? prefix() + "/" + type.namespace() : parentId();
        return base + "/" + type.segment() + "/" + name;
    }

    static String groupId(String subscription, String group) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group;
    }

    /** The lower-case form the world keys resources by: ARM ids compare case-insensitively. */
    static String worldId(String armId) {
        return armId.toLowerCase(Locale.ROOT);
    }

    private String prefix() {
        return groupId(subscription, resourceGroup) + "/providers";
    }

    private static boolean is(List<String> segments, int index, String expected) {
        return segments.get(index).equalsIgnoreCase(expected);
    }

    private static CloudError notFound(String path) {
        return new CloudError("InvalidResourceType", "The path '" + path + "' names no resource type this front serves.");
    }

    private static CloudError unknownType(String namespace, String type) {
        return new CloudError("InvalidResourceType", "The resource type '" + type + "' could not be found in the namespace '"
                + namespace + "'.");
    }
}
