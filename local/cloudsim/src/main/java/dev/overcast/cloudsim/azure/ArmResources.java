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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ARM's semantics over the world: PUT creates or updates in place, long-running PUT and DELETE answer
 * 201/202 with an async operation to poll, a resource in use cannot be deleted, deleting a resource
 * group deletes everything in it. What each type adds (addresses, a VM's disk, a gateway's BGP
 * addresses, reference checks) lives in {@link ArmRules}.
 */
final class ArmResources {

    /** How an operation's status is read: off the resource's timeline, or done when accepted (a change inside another's document). */
    private enum Kind { CREATE, DELETE, IMMEDIATE }

    /**
     * A create or delete the client may poll: through {@code Azure-AsyncOperation} (a status document)
     * or, for a resource group's delete, through {@code Location} only ({@code polledByLocation}).
     */
    private record Operation(String subscription, List<String> armIds, Kind kind, boolean polledByLocation) {}

    /**
     * Virtual networks from this api-version on keep their subnets when a PUT omits {@code subnets};
     * before it, the omission deleted them (Azure networking blog, "Azure Virtual Network now supports
     * updates without subnet property", 2024).
     */
    private static final String SUBNETS_KEPT_WHEN_OMITTED_SINCE = "2023-09-01";

    private static final String RETRY_AFTER_SECONDS = "1";

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
            return operationAnswer(path.operation());
        }
        if (path.resourceGroup() != null && !(path.type() == ArmType.RESOURCE_GROUP && path.name() != null)) {
            requireGroup(path);
        }
        return switch (path.type()) {
            case SECURITY_RULE, DEFAULT_SECURITY_RULE -> {
                ArrayNode rules = renderedRules(path);
                yield path.name() == null ? list(rules) : ArmAnswer.ok(securityRule(rules, path));
            }
            case INSTANCE_VIEW -> ArmAnswer.ok(instanceView(existing(
                    new ArmPath(path.subscription(), path.resourceGroup(), ArmType.VIRTUAL_MACHINE, null, path.parentName(), null))));
            case GROUP_RESOURCES -> {
                ArrayNode value = ArmStore.JSON.createArrayNode();
                store.inGroup(path.subscription(), path.resourceGroup()).stream()
                        .filter(r -> ArmStore.type(r).parent() == null)
                        .forEach(r -> value.add(genericResource(r)));
                yield list(value);
            }
            default -> {
                if (path.name() != null) {
                    yield ArmAnswer.ok(render(existing(path)));
                }
                ArrayNode value = ArmStore.JSON.createArrayNode();
                store.list(path.subscription(), path.resourceGroup(), path.type(), path.parentId()).forEach(r -> value.add(render(r)));
                yield list(value);
            }
        };
    }

    /**
     * HEAD answers by status alone: 204 when the resource exists, 404 when not ("Resource Groups - Check
     * Existence" declares exactly these two).
     */
    ArmAnswer head(ArmPath path) {
        if (path.name() == null || !path.type().stored()) {
            return new ArmAnswer(404, null, Map.of());
        }
        try {
            existing(path);
            return new ArmAnswer(204, null, Map.of());
        } catch (CloudError missing) {
            return new ArmAnswer(404, null, Map.of());
        }
    }

    ArmAnswer put(ArmPath path, ObjectNode body, String apiVersion) {
        if (path.name() == null || !path.type().stored() && path.type() != ArmType.SECURITY_RULE) {
            throw new CloudError("MethodNotAllowed", "The requested resource does not support http method 'PUT'.");
        }
        if (path.type() != ArmType.RESOURCE_GROUP) {
            requireGroup(path);
        }
        if (path.type() == ArmType.SECURITY_RULE) {
            SimResource nsg = existing(parentOf(path));
            boolean created = rules.putSecurityRule(nsg, path.name(), body);
            return answer(created ? 201 : 200, path, nsg, Kind.IMMEDIATE,
                    securityRule(renderedRules(path), path));
        }
        Optional<SimResource> found = store.find(path.subscription(), path.id()).filter(r -> !r.retired());
        SimResource resource = found.isPresent() ? update(path, found.get(), body) : create(path, body);
        if (path.type() == ArmType.VIRTUAL_NETWORK) {
            try {
                subnets(path, resource, body, apiVersion);
            } catch (RuntimeException invalid) {
                if (found.isEmpty()) {
                    store.world().dependents(resource).forEach(this::forget);
                    forget(resource);
                }
                throw invalid;
            }
        }
        return answer(found.isPresent() ? 200 : 201, path, resource, Kind.CREATE, null);
    }

    private SimResource update(ArmPath path, SimResource resource, ObjectNode body) {
        if (!"Succeeded".equals(state(resource))) {
            throw new CloudError("AnotherOperationInProgress", "Another operation on " + path.id() + " is in progress.");
        }
        rules.update(path, resource, body);
        store.world().transition(resource, "update", "Updating", "Succeeded");
        if (body.has("tags")) {
            resource.tags().clear();
            resource.tags().putAll(tags(body));
        }
        return resource;
    }

    private SimResource create(ArmPath path, ObjectNode body) {
        String location = path.parentId() != null
                ? ArmStore.location(store.require(path.subscription(), path.parentId(), "parent"))
                : text(body, "location");
        SimResource created = store.create(path, location, tags(body), ArmStore.JSON.createObjectNode());
        try {
            rules.create(path, created, body);
        } catch (RuntimeException invalid) {
            forget(created);
            throw invalid;
        }
        return created;
    }

    /**
     * The subnets a virtual network PUT carries inline are created or updated as if PUT one by one, and
     * the network's other subnets are deleted: a PUT states the whole network. Omitting {@code subnets}
     * keeps them from api-version {@value #SUBNETS_KEPT_WHEN_OMITTED_SINCE} on.
     */
    private void subnets(ArmPath network, SimResource resource, ObjectNode body, String apiVersion) {
        JsonNode given = body.path("properties").path("subnets");
        if ((given.isMissingNode() || given.isNull()) && apiVersion.compareTo(SUBNETS_KEPT_WHEN_OMITTED_SINCE) >= 0) {
            return;
        }
        Set<String> named = new HashSet<>();
        for (JsonNode subnet : given) {
            String name = text(subnet, "name");
            named.add(name.toLowerCase(Locale.ROOT));
            ArmPath path = new ArmPath(network.subscription(), network.resourceGroup(), ArmType.SUBNET, network.name(), name, null);
            ObjectNode subnetBody = subnet.isObject() ? (ObjectNode) subnet : ArmStore.JSON.createObjectNode();
            Optional<SimResource> existing = store.find(path.subscription(), path.id()).filter(r -> !r.retired());
            if (existing.isPresent()) {
                rules.update(path, existing.get(), subnetBody);
            } else {
                create(path, subnetBody);
            }
        }
        store.world().dependents(resource).stream()
                .filter(r -> r.type().equals(ArmType.SUBNET.key()) && !named.contains(ArmStore.name(r).toLowerCase(Locale.ROOT)))
                .forEach(r -> rules.delete(r));
    }

    private void forget(SimResource resource) {
        store.world().deleteByHand(ArmStore.FRONT, resource.key().account(), resource.key().region(), resource.id());
    }

    /** Replaces the tags, as {@code updateTags} does. */
    ArmAnswer patch(ArmPath path, ObjectNode body) {
        if (!path.type().stored()) {
            throw new CloudError("MethodNotAllowed", "The requested resource does not support http method 'PATCH'.");
        }
        SimResource resource = existing(path);
        resource.tags().clear();
        resource.tags().putAll(tags(body));
        return ArmAnswer.ok(render(resource));
    }

    /** A missing resource is 204 (done), but a missing resource group is 404, as ARM answers. */
    ArmAnswer delete(ArmPath path) {
        if (path.name() == null || !path.type().stored() && path.type() != ArmType.SECURITY_RULE) {
            throw new CloudError("MethodNotAllowed", "The requested resource does not support http method 'DELETE'.");
        }
        if (path.type() == ArmType.SECURITY_RULE) {
            requireGroup(path);
            SimResource nsg = existing(parentOf(path));
            return rules.deleteSecurityRule(nsg, path.name())
                    ? answer(202, path, nsg, Kind.IMMEDIATE, null) : new ArmAnswer(204, null, Map.of());
        }
        Optional<SimResource> found = store.find(path.subscription(), path.id()).filter(r -> !"Deleted".equals(state(r)));
        if (found.isEmpty()) {
            if (path.type() != ArmType.RESOURCE_GROUP) {
                requireGroup(path);
            } else {
                throw groupNotFound(path.resourceGroup());
            }
            return new ArmAnswer(204, null, Map.of());
        }
        SimResource resource = found.get();
        if (path.type() == ArmType.RESOURCE_GROUP) {
            List<SimResource> together = new ArrayList<>(store.inGroup(path.subscription(), path.resourceGroup()));
            together.add(resource);
            if (!resource.retired()) {
                rules.deleteGroup(together);
            }
            return groupDeletion(path, together);
        }
        if (!resource.retired()) {
            rules.delete(resource);
        }
        return answer(202, path, resource, Kind.DELETE, null);
    }

    /**
     * A long-running answer: {@code Azure-AsyncOperation} and {@code Location} both name the status
     * document, as the network and compute providers send them; {@code body} overrides the rendered resource.
     */
    private ArmAnswer answer(int status, ArmPath path, SimResource resource, Kind kind, JsonNode body) {
        JsonNode rendered = kind == Kind.DELETE ? null : body != null ? body : render(resource);
        if (!path.type().longRunning()) {
            return new ArmAnswer(status, rendered, Map.of());
        }
        String id = UUID.randomUUID().toString();
        operations.put(id, new Operation(path.subscription(), List.of(ArmStore.armId(resource)), kind, false));
        String polled = endpoint.resolve("/subscriptions/") + path.subscription() + "/providers/" + path.type().namespace() + "/locations/"
                + ArmStore.location(resource) + "/operations/" + id + "?api-version=2024-05-01";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Azure-AsyncOperation", polled);
        headers.put("Location", polled);
        headers.put("Retry-After", RETRY_AFTER_SECONDS);
        return new ArmAnswer(status, rendered, headers);
    }

    /**
     * A resource group's delete answers 202 with {@code Location} alone; that URL answers 202 until every
     * resource of the group is gone, then 200 (Azure Resource Manager, "Track asynchronous Azure
     * operations": "Location … returns 202 while the operation is in progress").
     */
    private ArmAnswer groupDeletion(ArmPath path, List<SimResource> together) {
        String id = UUID.randomUUID().toString();
        operations.put(id, new Operation(path.subscription(), together.stream().map(ArmStore::armId).toList(), Kind.DELETE, true));
        return new ArmAnswer(202, null, locationHeaders(path.subscription(), id));
    }

    private Map<String, String> locationHeaders(String subscription, String id) {
        // Time is virtual: polling again at once costs nothing real, and the answer changes only when the clock moves.
        return Map.of("Location", endpoint.resolve("/subscriptions/") + subscription + "/operationresults/" + id
                + "?api-version=2024-11-01", "Retry-After", RETRY_AFTER_SECONDS);
    }

    private ArmAnswer operationAnswer(String id) {
        Operation operation = operations.get(id);
        if (operation == null) {
            throw new CloudError("OperationNotFound", "The operation '" + id + "' was not found.");
        }
        String status = status(operation);
        if (operation.polledByLocation()) {
            return status.equals("InProgress") ? new ArmAnswer(202, null, locationHeaders(operation.subscription(), id))
                    : new ArmAnswer(200, null, Map.of());
        }
        ObjectNode answer = ArmStore.JSON.createObjectNode();
        answer.put("id", id);
        answer.put("name", id);
        answer.put("status", status);
        return ArmAnswer.ok(answer);
    }

    private String status(Operation operation) {
        List<Optional<SimResource>> resources = operation.armIds().stream().map(id -> store.find(operation.subscription(), id)).toList();
        return switch (operation.kind()) {
            case IMMEDIATE -> "Succeeded";
            case DELETE -> resources.stream().allMatch(r -> r.isEmpty() || "Deleted".equals(state(r.get()))) ? "Succeeded" : "InProgress";
            case CREATE -> resources.get(0).map(r -> switch (state(r)) {
                case "Succeeded" -> "Succeeded";
                case "Failed" -> "Failed";
                default -> r.retired() ? "Canceled" : "InProgress";
            }).orElse("Canceled");
        };
    }

    private static ArmAnswer list(ArrayNode value) {
        ObjectNode list = ArmStore.JSON.createObjectNode();
        list.set("value", value);
        return ArmAnswer.ok(list);
    }

    /** The NSG's rules (or default rules) as ARM renders them, for a path to one of them or to their list. */
    private ArrayNode renderedRules(ArmPath rulePath) {
        return (ArrayNode) render(existing(parentOf(rulePath))).path("properties").path(rulePath.type().segment());
    }

    private static JsonNode securityRule(ArrayNode rules, ArmPath path) {
        for (JsonNode rule : rules) {
            if (rule.path("name").asText().equalsIgnoreCase(path.name())) {
                return rule;
            }
        }
        throw new CloudError("NotFound", "Resource " + path.id() + " not found.");
    }

    private static ArmPath parentOf(ArmPath child) {
        return new ArmPath(child.subscription(), child.resourceGroup(), child.type().parent(), null, child.parentName(), null);
    }

    /** What a resource list of a group shows of each resource: its identity, not its properties. */
    private ObjectNode genericResource(SimResource resource) {
        ObjectNode out = ArmStore.JSON.createObjectNode();
        out.put("id", ArmStore.armId(resource));
        out.put("name", ArmStore.name(resource));
        out.put("type", ArmStore.type(resource).display());
        out.put("location", ArmStore.location(resource));
        ObjectNode tags = out.putObject("tags");
        resource.tags().forEach(tags::put);
        return out;
    }

    /** A VM's instance view: its provisioning and power state as ARM's status codes, and its disks. */
    private ObjectNode instanceView(SimResource machine) {
        String state = state(machine);
        ObjectNode view = ArmStore.JSON.createObjectNode();
        JsonNode properties = ArmStore.document(machine).path("properties");
        view.put("computerName", properties.path("osProfile").path("computerName").asText(ArmStore.name(machine)));
        ArrayNode disks = view.putArray("disks");
        String disk = properties.path("storageProfile").path("osDisk").path("name").asText();
        ArrayNode statuses = view.putArray("statuses");
        String provisioning = provisioningState(machine);
        status(statuses, "ProvisioningState/" + provisioning.toLowerCase(Locale.ROOT), "Provisioning " + provisioning.toLowerCase(Locale.ROOT));
        if (!disk.isEmpty()) {
            ObjectNode entry = disks.addObject().put("name", disk);
            status(entry.putArray("statuses"), "ProvisioningState/" + provisioning.toLowerCase(Locale.ROOT),
                    "Provisioning " + provisioning.toLowerCase(Locale.ROOT));
        }
        boolean running = "Succeeded".equals(state);
        status(statuses, running ? "PowerState/running" : "PowerState/starting", running ? "VM running" : "VM starting");
        return view;
    }

    private static void status(ArrayNode statuses, String code, String display) {
        statuses.addObject().put("code", code).put("level", "Info").put("displayStatus", display);
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
        if (path.type() == ArmType.RESOURCE_GROUP) {
            return store.find(path.subscription(), path.id()).filter(g -> !"Deleted".equals(state(g)))
                    .orElseThrow(() -> groupNotFound(path.resourceGroup()));
        }
        requireGroup(path);
        return store.find(path.subscription(), path.id())
                .filter(r -> !"Deleted".equals(state(r)))
                .orElseThrow(() -> new CloudError("ResourceNotFound", "The Resource '" + path.type().display() + "/"
                        + path.name() + "' under resource group '" + path.resourceGroup() + "' was not found."));
    }

    private void requireGroup(ArmPath path) {
        boolean exists = store.find(path.subscription(), ArmPath.groupId(path.subscription(), path.resourceGroup()))
                .filter(g -> !g.retired()).isPresent();
        if (!exists) {
            throw groupNotFound(path.resourceGroup());
        }
    }

    private static CloudError groupNotFound(String group) {
        return new CloudError("ResourceGroupNotFound", "Resource group '" + group + "' could not be found.");
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
