package dev.overcast.core.region;

import dev.overcast.core.Cloud;
import java.util.List;

/**
 * One cloud region of the catalog.
 *
 * @param cloud    the cloud
 * @param name     the region as the cloud spells it ({@code us-east-1}, {@code us-east4}, {@code eastus2})
 * @param display  a human name, usually the metro
 * @param location where it is
 * @param zones    availability zones as the cloud spells them (Azure: {@code 1 2 3}); empty when the
 *                 region has none
 */
public record Region(Cloud cloud, String name, String display, GeoPoint location, List<String> zones) {

    public Region {
        zones = List.copyOf(zones);
    }

    /** {@code aws/us-east-1}: unique across clouds. */
    public String id() {
        return cloud.id() + "/" + name;
    }

    @Override
    public String toString() {
        return id();
    }
}
