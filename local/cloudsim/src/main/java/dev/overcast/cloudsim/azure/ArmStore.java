package dev.overcast.cloudsim.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.cloudsim.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ARM resources kept in the world. The world keys a resource by front, account (the subscription),
 * region (the resource's location) and id (its ARM id in lower case); ARM addresses resources by id
 * alone, so the store remembers each id's location. A resource keeps ARM's {@code properties} (and
 * {@code sku}, {@code zones}) as one JSON document attribute, so snapshots compare them whole.
 */
final class ArmStore {

    static final String FRONT = "azure";
    static final ObjectMapper JSON = new ObjectMapper();

    private static final String ARM_ID = "armId";
    private static final String NAME = "name";
    private static final String GROUP = "resourceGroup";
    private static final String PARENT = "parent";
    private static final String LOCATION = "location";
    private static final String DOCUMENT = "document";

    private final World world;
    private final Map<String, String> locationById = new ConcurrentHashMap<>();

    ArmStore(World world) {
        this.world = world;
    }

    World world() {
        return world;
    }

    /** A new resource, pending until {@code <type>.create} has passed on the virtual clock. */
    SimResource create(ArmPath path, String location, Map<String, String> tags, ObjectNode document) {
        String region = location.toLowerCase(Locale.ROOT);
        SimResource resource = world.create(FRONT, path.subscription(), region, path.type().key(), ArmPath.worldId(path.id()),
                path.type() == ArmType.VIRTUAL_MACHINE ? "Creating" : "Updating", "Succeeded");
        locationById.put(resource.id(), region);
        resource.attributes().put(ARM_ID, path.id());
        resource.attributes().put(NAME, path.name());
        resource.attributes().put(GROUP, path.resourceGroup().toLowerCase(Locale.ROOT));
        resource.attributes().put(LOCATION, region);
        if (path.parentId() != null) {
            resource.attributes().put(PARENT, ArmPath.worldId(path.parentId()));
        }
        resource.tags().putAll(tags);
        write(resource, document);
        return resource;
    }

    /** The resource with this ARM id, being deleted or not. */
    Optional<SimResource> find(String subscription, String armId) {
        String id = ArmPath.worldId(armId);
        String region = locationById.get(id);
        return region == null ? Optional.empty() : world.find(FRONT, subscription, region, id);
    }

    /** A resource another one refers to by id: it must exist and not be going away. */
    SimResource require(String subscription, String armId, String field) {
        return find(subscription, armId).filter(r -> !r.retired()).orElseThrow(() -> new CloudError("InvalidResourceReference",
                "Resource " + armId + " referenced by " + field + " was not found."));
    }

    /** What a list call sees of one type in a resource group (every group when null; under a parent), in creation order. */
    List<SimResource> list(String subscription, String group, ArmType type, String parentId) {
        List<SimResource> seen = new ArrayList<>();
        for (String region : locationById.values().stream().distinct().sorted().toList()) {
            for (SimResource r : world.describe(FRONT, subscription, region, type.key())) {
                if ((group == null || r.attribute(GROUP).equalsIgnoreCase(group))
                        && (parentId == null || ArmPath.worldId(parentId).equals(r.attribute(PARENT)))) {
                    seen.add(r);
                }
            }
        }
        return seen;
    }

    /** Every live resource of the group, children included, in creation order; the group itself left out. */
    List<SimResource> inGroup(String subscription, String group) {
        return world.resources(FRONT, subscription).stream()
                .filter(v -> !v.type().equals(ArmType.RESOURCE_GROUP.key()) && group.equalsIgnoreCase(String.valueOf(v.attributes().get(GROUP))))
                .map(v -> world.find(FRONT, subscription, v.region(), v.id()))
                .flatMap(Optional::stream)
                .toList();
    }

    static String armId(SimResource resource) {
        return resource.attribute(ARM_ID);
    }

    static ArmType type(SimResource resource) {
        return ArmPath.parse(armId(resource)).type();
    }

    static String name(SimResource resource) {
        return resource.attribute(NAME);
    }

    static String location(SimResource resource) {
        return resource.attribute(LOCATION);
    }

    static ObjectNode document(SimResource resource) {
        try {
            return (ObjectNode) JSON.readTree(resource.attribute(DOCUMENT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document of " + resource.id() + " is not JSON", e);
        }
    }

    static void write(SimResource resource, ObjectNode document) {
        resource.attributes().put(DOCUMENT, document.toString());
    }
}
