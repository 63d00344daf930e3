package dev.overcast.cloudsim.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One resource of the world. Fronts keep their cloud's fields in {@link #attributes()} (strings, or
 * lists of string maps for rules, routes, attachments) so the world stays cloud-neutral. The state is a
 * timeline on the virtual clock: e.g. {@code pending} from creation, {@code available} from
 * {@link #readyAt()}, then {@code deleting} and {@code deleted} once retired.
 * <p>
 * Instances are only touched under the world's lock (see {@link World#atomically}).
 */
public final class SimResource {

    private record Step(Instant at, String state) {}

    private final ResourceKey key;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Set<String> dependsOn = new LinkedHashSet<>();
    private final List<Step> timeline = new ArrayList<>();
    private final Instant readyAt;
    private final Instant visibleFrom;
    private boolean retired;
    private Instant goneAt;
    private Instant purgeAt;

    SimResource(ResourceKey key, Instant createdAt, String pendingState, Instant readyAt, String readyState, Instant visibleFrom) {
        this.key = key;
        this.readyAt = readyAt;
        this.visibleFrom = visibleFrom;
        if (readyAt.isAfter(createdAt)) {
            timeline.add(new Step(createdAt, pendingState));
        }
        timeline.add(new Step(readyAt, readyState));
    }

    public ResourceKey key() {
        return key;
    }

    public String id() {
        return key.id();
    }

    public String type() {
        return key.type();
    }

    public Map<String, String> tags() {
        return tags;
    }

    public Map<String, Object> attributes() {
        return attributes;
    }

    public String attribute(String name) {
        Object value = attributes.get(name);
        return value == null ? null : value.toString();
    }

    /** A list-valued attribute (rules, routes, attachments), created empty on first use. */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> list(String name) {
        return (List<Map<String, String>>) attributes.computeIfAbsent(name, n -> new ArrayList<Map<String, String>>());
    }

    /** Ids of the resources this one depends on: they cannot be deleted while it is live. */
    public Set<String> dependsOn() {
        return dependsOn;
    }

    public Instant readyAt() {
        return readyAt;
    }

    public String state(Instant now) {
        String state = timeline.get(0).state();
        for (Step step : timeline) {
            if (!step.at().isAfter(now)) {
                state = step.state();
            }
        }
        return state;
    }

    /** Whether deletion has begun (the resource no longer counts against quotas nor can be changed). */
    public boolean retired() {
        return retired;
    }

    /**
     * Whether this resource still holds what it depends on: until its deletion has completed, as a
     * shutting-down instance still holds its subnet and security groups.
     */
    public boolean holdsDependencies(Instant now) {
        return !retired || now.isBefore(goneAt);
    }

    /** When the deletion completes; only for a retired resource. */
    Instant goneAt() {
        return goneAt;
    }

    void retire(Instant now, String deletingState, Instant goneAt, String finalState, Instant purgeAt) {
        retired = true;
        move(now, deletingState, goneAt, finalState);
        this.goneAt = goneAt;
        this.purgeAt = purgeAt;
    }

    /** Appends a change of state: {@code transitional} from now, {@code target} from {@code doneAt}; later steps are dropped. */
    void move(Instant now, String transitional, Instant doneAt, String target) {
        timeline.removeIf(step -> step.at().isAfter(now));
        if (doneAt.isAfter(now)) {
            timeline.add(new Step(now, transitional));
        }
        timeline.add(new Step(doneAt, target));
    }

    boolean purgedAt(Instant now) {
        return purgeAt != null && !purgeAt.isAfter(now);
    }

    /** Eventual consistency: whether reads (describe, list) see this resource yet. */
    boolean visibleToReadsAt(Instant now) {
        return !now.isBefore(visibleFrom);
    }

    ResourceView view(Instant now) {
        return ResourceView.of(key, state(now), tags, attributes);
    }
}
