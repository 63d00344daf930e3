package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import java.time.Instant;
import dev.overcast.core.Cloud;
import dev.overcast.core.spec.InstanceCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The verbs every collection shares: insert, get, list (filter, pages), delete, patch, and operations. */
final class Resources {

    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");
    /** Fields the front assigns: an insert or patch cannot set them. */
    private static final Set<String> ASSIGNED = Set.of("kind", "id", "name", "selfLink", "creationTimestamp", "status",
            "labels", "labelFingerprint", "fingerprint", "detailedStatus", "region", "zone");
    /** Fields of the world's bookkeeping that are not part of the resource's JSON. */
    private static final Set<String> INTERNAL = Set.of("nextHost");

    private final Operations operations;

    Resources(Operations operations) {
        this.operations = operations;
    }

    Object insert(ComputeCall call, Collection collection, Map<String, Object> body, String requestId) {
        Optional<Operations.Operation> earlier = operations.earlier(call.project(), requestId);
        if (earlier.isPresent()) {
            return Operations.render(call, earlier.get());
        }
        String name = ComputeCall.text(body, "name");
        if (!ComputeCall.NAME.matcher(name).matches()) {
            throw ComputeCall.invalid("resource.name", name, "Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
        if (!collection.labelled() && body.containsKey("labels")) {
            throw ComputeErrors.unknownField(collection, "labels");
        }
        Map<String, String> labels = labels(body.get("labels"));
        if (call.world().find(ComputeCall.FRONT, call.project(), call.location(), collection.id(call.location(), name)).filter(r -> !r.retired()).isPresent()) {
            throw new CloudError(ComputeErrors.ALREADY_EXISTS, "The resource '" + relative(call, collection, name) + "' already exists");
        }
        Lifecycle lifecycle = collection.lifecycle();
        SimResource created = call.world().createConsistent(ComputeCall.FRONT, call.project(), call.location(), collection.type(),
                collection.id(call.location(), name), lifecycle.creating(), lifecycle.ready());
        try {
            created.tags().putAll(labels);
            created.attributes().put("id", numericId(call));
            created.attributes().put("creationTimestamp", call.now().toString());
            created.attributes().put("selfLink", call.link(collection, call.location(), name));
            if (body.get("description") instanceof String description) {
                created.attributes().put("description", description);
            }
            collection.insert().fill(call, body, created);
        } catch (RuntimeException e) {
            call.world().deleteByHand(ComputeCall.FRONT, call.project(), call.location(), created.id());
            throw e;
        }
        return Operations.render(call, operations.start(call, collection.scope(), "insert", created.attribute("selfLink"),
                created.attribute("id"), created.readyAt(), requestId, null));
    }

    Object get(ComputeCall call, Collection collection, String name) {
        return render(call, collection, visible(call, collection, name)
                .orElseThrow(() -> notFound(call, collection, name)));
    }

    Object list(ComputeCall call, Collection collection, Map<String, String> query) {
        List<Map<String, Object>> items = matching(call, collection, call.location(), query);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", collection.listKind());
        json.put("id", call.link(collection, call.location(), "").replaceAll("/$", ""));
        Page page = Page.of(items, query);
        json.put("items", page.items());
        page.nextToken().ifPresent(token -> json.put("nextPageToken", token));
        json.put("selfLink", json.get("id"));
        return json;
    }

    /**
     * {@code aggregated/COLLECTION} of a regional or zonal collection: every location's items under
     * {@code regions/R} or {@code zones/Z}, one page across all locations.
     */
    Object aggregated(ComputeCall call, Collection collection, Map<String, String> query) {
        List<String> locations = collection.scope() == Scope.ZONE ? ComputeRegions.allZones()
                : ComputeRegions.ZONES.keySet().stream().sorted().toList();
        String locationField = collection.scope() == Scope.ZONE ? "zone" : "region";
        List<Map<String, Object>> all = new ArrayList<>();
        for (String location : locations) {
            all.addAll(matching(call, collection, location, query));
        }
        Page page = Page.of(all, query);
        Map<String, Object> items = new TreeMap<>();
        for (Map<String, Object> item : page.items()) {
            String scope = item.get(locationField).toString().replaceAll(".*/(zones|regions)/", "$1/");
            @SuppressWarnings("unchecked")
            List<Object> scoped = (List<Object>) ((Map<String, Object>) items.computeIfAbsent(scope,
                    z -> new LinkedHashMap<>(Map.of(collection.path(), new ArrayList<>())))).get(collection.path());
            scoped.add(item);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", collection.kind() + "AggregatedList");
        json.put("id", "projects/" + call.project() + "/aggregated/" + collection.path());
        json.put("items", items);
        page.nextToken().ifPresent(token -> json.put("nextPageToken", token));
        return json;
    }

    Object delete(ComputeCall call, Collection collection, String name, String requestId) {
        Optional<Operations.Operation> earlier = operations.earlier(call.project(), requestId);
        if (earlier.isPresent()) {
            return Operations.render(call, earlier.get());
        }
        SimResource resource = call.world().find(ComputeCall.FRONT, call.project(), call.location(), collection.id(call.location(), name))
                .filter(r -> !r.retired())
                .orElseThrow(() -> notFound(call, collection, name));
        if (!collection.lifecycle().visible(resource.state(call.now()), false)) {
            throw new CloudError(ComputeErrors.RESOURCE_NOT_READY, "The resource '" + relative(call, collection, name)
                    + "' is not ready: its insert is still running.");
        }
        List<SimResource> users = call.world().dependents(resource);
        CloudError failure = null;
        Instant doneAt = call.now();
        if (users.isEmpty()) {
            call.world().retire(resource, collection.lifecycle().deleting(), collection.lifecycle().gone());
            doneAt = call.now().plus(call.world().durations().of(ComputeCall.FRONT, collection.type() + ".delete"));
        } else {
            failure = new CloudError(ComputeErrors.RESOURCE_IN_USE, "The " + collection.type() + " resource '"
                    + relative(call, collection, name) + "' is already being used by '" + relative(call, users.get(0)) + "'");
            // A subnetwork's users are checked before the delete is accepted: a synchronous 400 (a network's or a
            // router's are found by the operation). https://cloud.google.com/vpc/docs/create-modify-vpc-networks#deleting_a_subnet
            // "you must first delete all resources that use the subnet"; the API answers resourceInUseByAnotherResource.
            if (collection == Catalog.SUBNETWORKS) {
                throw failure;
            }
        }
        return Operations.render(call, operations.start(call, collection.scope(), "delete", resource.attribute("selfLink"),
                resource.attribute("id"), doneAt, requestId, failure));
    }

    /** Merges the body's top-level fields into the resource (Compute's PATCH semantics for lists: replace). */
    Object patch(ComputeCall call, Collection collection, String name, Map<String, Object> body, String requestId) {
        Optional<Operations.Operation> earlier = operations.earlier(call.project(), requestId);
        if (earlier.isPresent()) {
            return Operations.render(call, earlier.get());
        }
        SimResource resource = visible(call, collection, name).filter(r -> !r.retired())
                .orElseThrow(() -> notFound(call, collection, name));
        if (collection == Catalog.ROUTERS) {
            Catalog.checkRouterPatch(body);
        }
        body.forEach((field, value) -> {
            if (!ASSIGNED.contains(field) && !INTERNAL.contains(field)) {
                resource.attributes().put(field, value);
            }
        });
        return Operations.render(call, operations.start(call, collection.scope(), "patch", resource.attribute("selfLink"),
                resource.attribute("id"), call.now(), requestId, null));
    }

    Object operation(ComputeCall call, Scope scope, String name) {
        return Operations.render(call, operations.require(call, scope, name));
    }

    /** {@code regions}, {@code zones} and one of either. */
    Object location(ComputeCall call, String collection, String name) {
        List<Map<String, Object>> items = new ArrayList<>();
        if (collection.equals("regions")) {
            ComputeRegions.ZONES.keySet().stream().sorted().filter(region -> name == null || name.equals(region)).forEach(region -> items.add(Map.of(
                    "kind", "compute#region", "name", region, "status", "UP",
                    "zones", ComputeRegions.zones(region).stream().map(z -> call.locationLink(Scope.ZONE, z)).toList(),
                    "quotas", RegionQuotas.of(call, region),
                    "selfLink", call.locationLink(Scope.REGION, region))));
        } else {
            ComputeRegions.allZones().forEach(zone -> items.add(Map.of(
                    "kind", "compute#zone", "name", zone, "status", "UP",
                    "region", call.locationLink(Scope.REGION, ComputeRegions.regionOf(zone).orElseThrow()),
                    "selfLink", call.locationLink(Scope.ZONE, zone))));
        }
        if (name == null) {
            return Map.of("kind", "compute#" + (collection.equals("regions") ? "region" : "zone") + "List", "items", items);
        }
        return items.stream().filter(i -> name.equals(i.get("name"))).findFirst()
                .orElseThrow(() -> new CloudError(ComputeErrors.NOT_FOUND, "The resource 'projects/" + call.project() + "/"
                        + collection + "/" + name + "' was not found"));
    }

    /** {@code zones/Z/machineTypes/T}: the catalog's machine types, offered in every zone. */
    Object machineType(ComputeCall call, String zone, String type) {
        int vcpus = InstanceCatalog.standard().vcpus(Cloud.GCP, type).orElseThrow(() -> new CloudError(ComputeErrors.NOT_FOUND,
                "The resource 'projects/" + call.project() + "/zones/" + zone + "/machineTypes/" + type + "' was not found"));
        return Map.of("kind", "compute#machineType", "name", type, "guestCpus", vcpus, "zone", zone,
                "selfLink", call.locationLink(Scope.ZONE, zone) + "/machineTypes/" + type);
    }

    private List<Map<String, Object>> matching(ComputeCall call, Collection collection, String location, Map<String, String> query) {
        ListFilter filter = ListFilter.parse(query.get("filter"));
        Instant now = call.now();
        List<Map<String, Object>> items = new ArrayList<>();
        for (SimResource r : call.world().describe(ComputeCall.FRONT, call.project(), location, collection.type())) {
            if (collection.lifecycle().visible(r.state(now), r.retired())) {
                Map<String, Object> json = render(call, collection, r);
                if (filter.matches(json, r.tags())) {
                    items.add(json);
                }
            }
        }
        return items;
    }

    private static Optional<SimResource> visible(ComputeCall call, Collection collection, String name) {
        return call.world().find(ComputeCall.FRONT, call.project(), call.location(), collection.id(call.location(), name))
                .filter(r -> collection.lifecycle().visible(r.state(call.now()), r.retired()));
    }

    private static Map<String, Object> render(ComputeCall call, Collection collection, SimResource r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", collection.kind());
        json.put("id", r.attribute("id"));
        json.put("creationTimestamp", r.attribute("creationTimestamp"));
        json.put("name", Collection.name(r.id()));
        r.attributes().forEach((field, value) -> {
            if (!INTERNAL.contains(field) && !json.containsKey(field)) {
                json.put(field, value);
            }
        });
        if (collection.lifecycle().reportsStatus()) {
            json.put("status", r.state(call.now()));
        }
        if (collection.labelled()) {
            if (!r.tags().isEmpty()) {
                json.put("labels", new TreeMap<>(r.tags()));
            }
            json.put("labelFingerprint", Fingerprint.of(r.tags()));
        }
        Catalog.addOutputOnly(collection, json);
        if (collection.scope() == Scope.REGION) {
            json.put("region", call.locationLink(Scope.REGION, r.key().region()));
        } else if (collection.scope() == Scope.ZONE) {
            json.put("zone", call.locationLink(Scope.ZONE, r.key().region()));
        }
        return json;
    }

    private static Map<String, String> labels(Object given) {
        Map<String, String> labels = new TreeMap<>();
        if (given == null) {
            return labels;
        }
        if (!(given instanceof Map<?, ?> map)) {
            throw ComputeCall.invalid("resource.labels", given, "Must be an object of string values.");
        }
        if (map.size() > 64) {
            throw ComputeCall.invalid("resource.labels", map.size(), "A resource carries at most 64 labels.");
        }
        map.forEach((key, value) -> {
            if (!LABEL_KEY.matcher(String.valueOf(key)).matches() || !LABEL_VALUE.matcher(String.valueOf(value)).matches()) {
                throw ComputeCall.invalid("resource.labels", key + "=" + value,
                        "Label keys start with a lowercase letter; keys and values hold at most 63 lowercase letters, digits, '_' or '-'.");
            }
            labels.put(String.valueOf(key), String.valueOf(value));
        });
        return labels;
    }

    private static String numericId(ComputeCall call) {
        return (1 + call.world().randomBelow(9)) + String.format("%09d%09d", call.world().randomBelow(1_000_000_000),
                call.world().randomBelow(1_000_000_000));
    }

    /** A resource's path as Compute's messages name it, from its world id ({@code LOCATION/COLLECTION/NAME}). */
    private static String relative(ComputeCall call, SimResource resource) {
        String[] parts = resource.id().split("/");
        Scope scope = Catalog.ALL.stream().filter(c -> c.path().equals(parts[1])).findFirst().orElseThrow().scope();
        return "projects/" + call.project() + "/" + scope.path(parts[0]) + "/" + parts[1] + "/" + parts[2];
    }

    private static String relative(ComputeCall call, Collection collection, String name) {
        return "projects/" + call.project() + "/" + collection.scope().path(call.location()) + "/" + collection.path() + "/" + name;
    }

    private static CloudError notFound(ComputeCall call, Collection collection, String name) {
        return new CloudError(ComputeErrors.NOT_FOUND, "The resource '" + relative(call, collection, name) + "' was not found");
    }
}
