package dev.overcast.cloudsim.world;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An immutable copy of a resource at one moment, for snapshots, tests and the control endpoint. */
public record ResourceView(
        String front, String account, String region, String type, String id, String state,
        Map<String, String> tags, Map<String, Object> attributes) {

    static ResourceView of(ResourceKey key, String state, Map<String, String> tags, Map<String, Object> attributes) {
        Map<String, Object> copied = new TreeMap<>();
        attributes.forEach((name, value) -> copied.put(name, deepCopy(value)));
        return new ResourceView(key.front(), key.account(), key.region(), key.type(), key.id(), state,
                Collections.unmodifiableMap(new TreeMap<>(tags)), Collections.unmodifiableMap(copied));
    }

    private static Object deepCopy(Object value) {
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return Collections.unmodifiableMap(copy);
        }
        return value;
    }
}
