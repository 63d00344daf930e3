package dev.overcast.clouds.aws.internal;

import dev.overcast.core.cloud.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The adopt-or-create skeleton every kind shares: observe is one describe filtered by the cluster's
 * tag; create first looks for the resource by its name tag (same describe, one more filter) and only
 * then creates; delete treats "already gone" as done.
 */
public abstract class Ec2ResourceClient implements ResourceClient {

    private static final Logger log = LoggerFactory.getLogger(Ec2ResourceClient.class);

    protected final Ec2Clients clients;
    private final ResourceKind kind;

    protected Ec2ResourceClient(ResourceKind kind, Ec2Clients clients) {
        this.kind = kind;
        this.clients = clients;
    }

    @Override
    public final Cloud cloud() {
        return Cloud.AWS;
    }

    @Override
    public final ResourceKind kind() {
        return kind;
    }

    @Override
    public final List<Observation> observe(String clusterId, String region) {
        return describe(clients.in(region), region, OwnedTags.ofCluster(clusterId));
    }

    @Override
    public final Observation create(String clusterId, Resource desired, Dependencies dependencies) {
        requireOwnKind(desired);
        Ec2Client ec2 = clients.in(desired.region());
        Observation found = find(ec2, clusterId, desired).orElseGet(() -> {
            log.info("creating {} {} of cluster {} in {}", kind, desired.name(), clusterId, desired.region());
            return start(ec2, clusterId, desired, dependencies);
        });
        return complete(ec2, clusterId, desired, found, dependencies);
    }

    /** By default nothing can change in place: a differing attribute is reported, never silently ignored. */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        requireOwnKind(desired);
        Map<String, String> drift = drift(desired, observed);
        if (!drift.isEmpty()) {
            throw notUpdatable(desired, drift);
        }
        return observed;
    }

    @Override
    public final void delete(Observation observed) {
        if (observed.kind() != kind) {
            throw new IllegalArgumentException("a " + kind + " client cannot delete a " + observed.kind());
        }
        log.info("deleting {} {} ({}) in {}", kind, observed.name(), observed.cloudId(), observed.region());
        remove(clients.in(observed.region()), observed);
    }

    /** One batched (paginated) describe with these filters, owned resources only, gone ones left out. */
    protected abstract List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters);

    /** Issues the create call, tags included, and returns what EC2 answered. */
    protected abstract Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies);

    /**
     * Finishes the parts of a composite resource (a VPC's gateway and routes, a gateway's attachment)
     * that a crash between two calls may have left undone; most kinds are one call and have none.
     */
    protected Observation complete(Ec2Client ec2, String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        return found;
    }

    protected abstract void remove(Ec2Client ec2, Observation observed);

    protected final Optional<Observation> find(Ec2Client ec2, String clusterId, Resource desired) {
        return describe(ec2, desired.region(), OwnedTags.ofResource(clusterId, desired.name())).stream()
                .filter(o -> o.state() != ResourceState.DELETING)
                .findFirst();
    }

    /**
     * An observation of one EC2 resource, or nothing when the resource carries no resource-name tag
     * (then it is not ours to report, whatever its cluster tag says).
     */
    protected final Optional<Observation> observed(String region, String cloudId, ResourceState state,
                                                   Map<String, String> attributes, List<Tag> tags) {
        Map<String, String> tagMap = OwnedTags.asMap(tags);
        String name = OwnershipTags.resourceName(Cloud.AWS, tagMap);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new Observation(name, kind, Cloud.AWS, region, cloudId, state, new TreeMap<>(attributes), tagMap));
    }

    /** Observed attributes from key/value pairs; a {@code null} value (EC2 did not say) is left out. */
    protected static Map<String, String> attributes(String... keysAndValues) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /** What a create call just made, tagged as we asked (some create responses omit the tags). */
    protected final Observation created(String clusterId, Resource desired, String cloudId, ResourceState state, Map<String, String> attributes) {
        return new Observation(desired.name(), kind, Cloud.AWS, desired.region(), cloudId, state, new TreeMap<>(attributes),
                OwnershipTags.of(Cloud.AWS, clusterId, desired.name()));
    }

    /** Maps EC2's lifecycle words; empty for resources that are gone (terminated, deleted). */
    protected static Optional<ResourceState> state(String ec2State) {
        return switch (ec2State == null ? "" : ec2State) {
            case "pending" -> Optional.of(ResourceState.CREATING);
            case "available", "running" -> Optional.of(ResourceState.READY);
            case "deleting", "shutting-down" -> Optional.of(ResourceState.DELETING);
            // Overcast never stops instances; a stopped one is replaced, like a failed one.
            case "failed", "stopping", "stopped" -> Optional.of(ResourceState.FAILED);
            default -> Optional.empty();
        };
    }

    /** Keys whose desired and observed values differ, among the keys both sides carry. */
    protected static Map<String, String> drift(Resource desired, Observation observed) {
        return desired.attributes().entrySet().stream()
                .filter(e -> observed.attributes().containsKey(e.getKey()))
                .filter(e -> !e.getValue().equals(observed.attribute(e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> observed.attribute(e.getKey()), (a, b) -> a, TreeMap::new));
    }

    protected final TerminalCloudException notUpdatable(Resource desired, Map<String, String> drift) {
        String detail = drift.entrySet().stream()
                .map(e -> e.getKey() + " is '" + e.getValue() + "', wanted '" + desired.attribute(e.getKey()) + "'")
                .collect(Collectors.joining("; "));
        return new TerminalCloudException(Cloud.AWS, "Update", "NotUpdatableInPlace",
                kind + " " + desired.name() + " cannot change in place (delete and create it again): " + detail, null);
    }

    /** A desired attribute the kind cannot do without; missing is bad input, not a crash. */
    protected final String required(Resource desired, String key) {
        String value = desired.attribute(key);
        if (value == null || value.isBlank()) {
            throw new TerminalCloudException(Cloud.AWS, "Create", "MissingAttribute",
                    kind + " " + desired.name() + " needs attribute '" + key + "'", null);
        }
        return value;
    }

    /** A whole-number attribute within {@code min..max}; anything else is bad input named by key and rule. */
    protected final long number(Resource desired, String key, long min, long max) {
        String raw = required(desired, key);
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the rule
        }
        throw invalid(desired, key, "must be a whole number within " + min + ".." + max);
    }

    protected final TerminalCloudException invalid(Resource desired, String key, String rule) {
        return new TerminalCloudException(Cloud.AWS, "Create", "InvalidAttribute",
                kind + " " + desired.name() + ": attribute '" + key + "' is '" + desired.attribute(key) + "' but " + rule, null);
    }

    private void requireOwnKind(Resource desired) {
        if (desired.kind() != kind || desired.cloud() != Cloud.AWS) {
            throw new IllegalArgumentException("a " + kind + " client on aws cannot handle " + desired.kind() + " on " + desired.cloud());
        }
    }
}
