package dev.overcast.core.plan;

import dev.overcast.core.Cloud;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One desired cloud resource: a node of the plan's DAG. The name is deterministic
 * ({@code <cluster>-<kind>-<suffix>}) and unique within a cluster, which makes every create
 * idempotent and every resource findable by its ownership tags.
 *
 * @param name       unique, deterministic name
 * @param kind       what it is
 * @param cloud      where it lives
 * @param region     the cloud's region name
 * @param attributes desired attributes, keys from {@link Attributes}
 * @param dependsOn  names of the resources that must exist before this one
 */
public record Resource(
        String name,
        ResourceKind kind,
        Cloud cloud,
        String region,
        SortedMap<String, String> attributes,
        SortedSet<String> dependsOn) {

    public Resource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(region, "region");
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        dependsOn = Collections.unmodifiableSortedSet(new TreeSet<>(dependsOn));
    }

    public String attribute(String key) {
        return attributes.get(key);
    }
}
