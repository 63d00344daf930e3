package dev.overcast.cloudsim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.cloudsim.world.World;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ARM's semantics over the world: PUT creates or updates in place, long-running PUT and DELETE answer
 * 201/202 with an async operation to poll, a resource in use cannot be deleted, deleting a resource
 * group deletes everything in it. What each type adds (addresses, a VM's disk, a gateway's BGP
 * addresses, reference checks) lives in {@link ArmRules}.
 */
final class ArmResources {

    /** A create or delete the client may poll; its status is read off the resource's timeline. */
    private record Operation(String subscription, String armId, boolean deletion) {}

    private final ArmStore store;
    private final ArmRules rules;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final URI endpoint;

    /** @param endpoint the front's base URL: ARM's operation URLs are absolute */
    ArmResources(World world, URI endpoint) {
        this.endpoint = endpoint;
        this.store = new ArmStore(world);
        this.rules = new ArmRules(store);
    }

    ArmStore store() {
        return store;
    }

    ArmAnswer get(ArmPath path) {
        if (path.operation() != null) {
            return ArmAnswer.ok(operationStatus(path.operation()));
        }
        if (path.name() == null) {
            requireGroup(path);
            ArrayNode value = ArmStore.JSON.createArrayNode();
            store.list(path.subscription(), path.resourceGroup(), path.type(), path.parentId())
                    .forEach(r -> value.add(render(r)));
            ObjectNode list = ArmStore.JSON.createObjectNode();
            list.set("value", value);
            return ArmAnswer.ok(list);
        }
        return ArmAnswer.ok(render(existing(path)));
    }

    ArmAnswer put(ArmPath path, ObjectNode body) {
        if (path.name() == null) {
            throw new CloudError("MethodNotAllowed", "PUT needs a resource name.");
        }
        if (path.type() != ArmType.RESOURCE_GROUP) {
            requireGroup(path);
        }
        Map<String, String> tags = tags(body);
        Optional<SimResource> found = store.find(path.subscription(), path.id()).filter(r -> !r.retired());
        if (found.isPresent()) {
            SimResource resource = found.get();
            if (!"Succeeded".equals(state(resource))) {
                throw new CloudError("AnotherOperationInProgress", "Another operation on " + path.id() + " is in progress.");
            }
            rules.update(path, resource, body);
            store.world().transition(resource, "update", "Updating", "Succeeded");
            if (body.has("tags")) {
                resource.tags().clear();
                resource.tags().putAll(tags);
            }
            return answer(200, path, resource, false);
        }
        String location = path.parentId() != null
                ? ArmStore.location(store.require(path.subscription(), path.parentId(), "parent"))
                : text(body, "location");
        SimResource created = store.create(path, location, tags, ArmStore.JSON.createObjectNode());
        try {
            rules.create(path, created, body);
        } catch (RuntimeException invalid) {
            store.world().deleteByHand(ArmStore.FRONT, path.subscription(), created.key().region(), created.id());
            throw invalid;
        }
        return answer(201, path, created, false);
    }

    /** Replaces the tags, as {@code updateTags} does. */
    ArmAnswer patch(ArmPath path, ObjectNode body) {
        SimResource resource = existing(path);
        resource.tags().clear();
        resource.tags().putAll(tags(body));
        return ArmAnswer.ok(render(resource));
    }

    /** A missing resource is 204 (done), but a missing resource group is 404, as ARM answers. */
    ArmAnswer delete(ArmPath path) {
        Optional<SimResource> found = store.find(path.subscription(), path.id()).filter(r -> !"Deleted".equals(state(r)));
        if (found.isEmpty()) {
            requireGroup(path.type() == ArmType.RESOURCE_GROUP
                    ? new ArmPath(path.subscription(), path.resourceGroup(), ArmType.VIRTUAL_NETWORK, null, null, null) : path);
            return new ArmAnswer(204, null, Map.of());
        }
        SimResource resource = found.get();
        if (!resource.retired()) {
            if (path.type() == ArmType.RESOURCE_GROUP) {
                List<SimResource> members = new ArrayList<>(store.inGroup(path.subscription(), path.resourceGroup()));
                // Newest first: dependents go before what they depend on, as ARM orders a group's deletion.
                Collections.reverse(members);
                members.forEach(member -> rules.delete(member, true));
            }
            rules.delete(resource, false);
        }
        return answer(202, path, resource, true);
    }

    private ArmAnswer answer(int status, ArmPath path, SimResource resource, boolean deletion) {
        if (!path.type().longRunning() && !deletion) {
            return new ArmAnswer(status, render(resource), Map.of());
        }
        String id = UUID.randomUUID().toString();
        operations.put(id, new Operation(path.subscription(), path.id(), deletion));
        String namespace = path.type() == ArmType.RESOURCE_GROUP ? "Microsoft.Resources" : path.type().namespace();
        String polled = endpoint.resolve("/subscriptions/") + path.subscription() + "/providers/" + namespace + "/locations/"
                + ArmStore.location(resource) + "/operations/" + id + "?api-version=2024-05-01";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Azure-AsyncOperation", polled);
        headers.put("Location", polled);
        // Time is virtual: polling again at once costs nothing real, and the answer changes only when the clock moves.
        headers.put("Retry-After", "1");
        return new ArmAnswer(status, deletion ? null : render(resource), headers);
    }

    private ObjectNode operationStatus(String id) {
        Operation operation = operations.get(id);
        if (operation == null) {
            throw new CloudError("OperationNotFound", "The operation '" + id + "' was not found.");
        }
        Optional<SimResource> resource = store.find(operation.subscription(), operation.armId());
        String status;
        if (operation.deletion()) {
            status = resource.isEmpty() || "Deleted".equals(state(resource.get())) ? "Succeeded" : "InProgress";
        } else {
            status = resource.map(r -> switch (state(r)) {
                case "Succeeded" -> "Succeeded";
                case "Failed" -> "Failed";
                default -> r.retired() ? "Canceled" : "InProgress";
            }).orElse("Canceled");
        }
        ObjectNode answer = ArmStore.JSON.createObjectNode();
        answer.put("id", id);
        answer.put("name", id);
        answer.put("status", status);
        return answer;
    }

    private ObjectNode render(SimResource resource) {
        ObjectNode out = ArmStore.JSON.createObjectNode();
        ArmPath type = ArmPath.parse(ArmStore.armId(resource));
        out.put("id", ArmStore.armId(resource));
        out.put("name", ArmStore.name(resource));
        out.put("type", type.type().display());
        ObjectNode document = ArmStore.document(resource);
        if (type.type() != ArmType.SUBNET) {
            out.put("location", ArmStore.location(resource));
            ObjectNode tags = out.putObject("tags");
            resource.tags().forEach(tags::put);
        }
        document.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("properties")) {
                out.set(field.getKey(), field.getValue());
            }
        });
        ObjectNode properties = document.has("properties") ? (ObjectNode) document.get("properties") : ArmStore.JSON.createObjectNode();
        properties.put("provisioningState", provisioningState(resource));
        rules.render(type, resource, properties, this::render);
        out.set("properties", properties);
        return out;
    }

    private String provisioningState(SimResource resource) {
        String state = state(resource);
        return "Deleted".equals(state) ? "Deleting" : state;
    }

    private String state(SimResource resource) {
        Instant now = store.world().clock().now();
        return resource.state(now);
    }

    private SimResource existing(ArmPath path) {
        requireGroup(path);
        return store.find(path.subscription(), path.id())
                .filter(r -> !"Deleted".equals(state(r)))
                .orElseThrow(() -> new CloudError("ResourceNotFound", "The Resource '" + path.type().display() + "/"
                        + path.name() + "' under resource group '" + path.resourceGroup() + "' was not found."));
    }

    private void requireGroup(ArmPath path) {
        if (path.type() == ArmType.RESOURCE_GROUP && path.name() != null) {
            return;
        }
        boolean exists = store.find(path.subscription(), ArmPath.groupId(path.subscription(), path.resourceGroup()))
                .filter(g -> !g.retired()).isPresent();
        if (!exists) {
            throw new CloudError("ResourceGroupNotFound", "Resource group '" + path.resourceGroup() + "' could not be found.");
        }
    }

    private static Map<String, String> tags(ObjectNode body) {
        Map<String, String> tags = new LinkedHashMap<>();
        body.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        return tags;
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new CloudError("InvalidRequestContent", "The request content was invalid: '" + field + "' is required.");
        }
        return value.asText();
    }
}
