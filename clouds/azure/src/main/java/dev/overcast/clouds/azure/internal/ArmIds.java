package dev.overcast.clouds.azure.internal;

/** ARM resource ids, {@code /subscriptions/{s}/resourceGroups/{g}/providers/{namespace}/{type}/{name}[/{child type}/{child}]}. */
public final class ArmIds {

    private ArmIds() {
    }

    public static String of(String subscription, String group, String providerType, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/" + providerType + "/" + name;
    }

    /** The resource group an id lives in. */
    public static String group(String id) {
        String[] parts = id.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase("resourceGroups")) {
                return parts[i + 1];
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not an ARM resource id (no resourceGroups segment)");
    }

    /** The last segment: the resource's (or child's) name. */
    public static String name(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** The name of the segment after {@code type}, e.g. the virtual network of a subnet id. */
    public static String nameAfter(String id, String type) {
        String[] parts = id.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase(type)) {
                return parts[i + 1];
            }
        }
        throw new IllegalArgumentException("'" + id + "' has no " + type + " segment");
    }
}
