package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.cloudsim.world.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One EC2 Query request: its form parameters, the caller's account and region, and the world in that scope. */
final class Ec2Call {

    static final String FRONT = "aws";

    private final World world;
    private final String action;
    private final Map<String, String> params;
    private final String account;
    private final String region;

    Ec2Call(World world, String action, Map<String, String> params, String account, String region) {
        this.world = world;
        this.action = action;
        this.params = params;
        this.account = account;
        this.region = region;
    }

    World world() {
        return world;
    }

    String action() {
        return action;
    }

    String account() {
        return account;
    }

    String region() {
        return region;
    }

    Instant now() {
        return world.clock().now();
    }

    Map<String, String> params() {
        return params;
    }

    String param(String name) {
        return params.get(name);
    }

    String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw new CloudError("MissingParameter", "The request must contain the parameter " + name);
        }
        return value;
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(params.get(name));
    }

    Integer integer(String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw invalid("Invalid value '" + value + "' for " + name + ": must be an integer.");
        }
    }

    /** {@code Name.1}, {@code Name.2}, … in order. */
    List<String> list(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; params.containsKey(name + "." + i); i++) {
            values.add(params.get(name + "." + i));
        }
        return values;
    }

    /** {@code Name.N.Member…} as one map per N (member paths relative to {@code Name.N.}). */
    List<Map<String, String>> structs(String name) {
        List<Map<String, String>> result = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + "." + i + ".";
            Map<String, String> members = new LinkedHashMap<>();
            params.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    members.put(key.substring(prefix.length()), value);
                }
            });
            if (members.isEmpty()) {
                return result;
            }
            result.add(members);
        }
    }

    /** Tags given at create through {@code TagSpecification.N} for this resource type. */
    Map<String, String> tagsAtCreate(String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, String> spec : structs("TagSpecification")) {
            if (!resourceType.equals(spec.get("ResourceType"))) {
                if (spec.get("ResourceType") == null) {
                    throw invalid("TagSpecification requires a ResourceType.");
                }
                continue;
            }
            for (int j = 1; spec.containsKey("Tag." + j + ".Key"); j++) {
                tags.put(spec.get("Tag." + j + ".Key"), spec.getOrDefault("Tag." + j + ".Value", ""));
            }
        }
        return tags;
    }

    /** Creates a resource of {@code type} with a fresh {@code prefix-…} id and the create call's tags. */
    SimResource create(String type, String prefix, String pendingState, String readyState, String tagType,
                       Consumer<SimResource> fill) {
        return world.atomically(() -> {
            SimResource resource = world.create(FRONT, account, region, type, world.newId(prefix), pendingState, readyState);
            resource.tags().putAll(tagsAtCreate(tagType));
            fill.accept(resource);
            return resource;
        });
    }

    /** A resource a mutating call names; missing or already deleted answers {@code notFoundCode}. */
    SimResource require(String type, String id, String notFoundCode) {
        return world.find(FRONT, account, region, id)
                .filter(r -> r.type().equals(type) && !r.retired())
                .orElseThrow(() -> notFound(notFoundCode, type, id));
    }

    /** What the control plane knows (for conflict checks), unlike what reads see. */
    List<SimResource> live(String type) {
        return world.live(FRONT, account, region, type);
    }

    List<SimResource> visible(String type) {
        return world.describe(FRONT, account, region, type);
    }

    /**
     * A describe call: what reads see of {@code type}, narrowed to the ids in {@code idParam} (any missing
     * one answers {@code notFoundCode}) and to the request's filters.
     */
    List<SimResource> describe(String type, String idParam, String notFoundCode, Filters filters) {
        List<SimResource> seen = visible(type);
        List<String> ids = list(idParam);
        if (!ids.isEmpty()) {
            List<SimResource> named = new ArrayList<>();
            for (String id : ids) {
                named.add(seen.stream().filter(r -> r.id().equals(id)).findFirst()
                        .orElseThrow(() -> notFound(notFoundCode, type, id)));
            }
            seen = named;
        }
        return filters.apply(this, seen);
    }

    static CloudError notFound(String code, String type, String id) {
        return new CloudError(code, "The " + type + " ID '" + id + "' does not exist");
    }

    static CloudError invalid(String message) {
        return new CloudError("InvalidParameterValue", message);
    }
}
