package dev.overcast.clouds.azure.internal;

import com.azure.core.http.rest.PagedIterable;
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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The adopt-or-create skeleton every kind shares: observe is one list of the kind's ARM type in the
 * cluster's resource group (paged, so one call per page), filtered by the cluster's tag; create first
 * looks for the resource in that list and only then sends its PUT, tags included; delete treats
 * "already gone" as done. Long-running PUTs and DELETEs are started and never waited for: observe
 * reports {@code provisioningState} later.
 *
 * @param <T> the SDK's model of the listed ARM resource
 */
public abstract class ArmResourceClient<T extends com.azure.core.management.Resource> implements ResourceClient {

    protected final ArmClients arm;
    private final ResourceKind kind;

    protected ArmResourceClient(ResourceKind kind, ArmClients arm) {
        this.kind = kind;
        this.arm = arm;
    }

    @Override
    public final Cloud cloud() {
        return Cloud.AZURE;
    }

    @Override
    public final ResourceKind kind() {
        return kind;
    }

    @Override
    public final List<Observation> observe(String clusterId, String region) {
        String group = ArmClients.resourceGroup(clusterId, region);
        return observeGroup(group, region).stream()
                .filter(o -> OwnershipTags.ownedBy(Cloud.AZURE, o.tags(), clusterId))
                .toList();
    }

    @Override
    public final Observation create(String clusterId, Resource desired, Dependencies dependencies) {
        if (desired.kind() != kind || desired.cloud() != Cloud.AZURE) {
            throw new IllegalArgumentException("a " + kind + " client on azure cannot handle " + desired.kind() + " on " + desired.cloud());
        }
        Optional<Observation> found = observe(clusterId, desired.region()).stream()
                .filter(o -> o.name().equals(desired.name()) && o.state() != ResourceState.DELETING)
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String group = ArmClients.resourceGroup(clusterId, desired.region());
        return AzureErrors.call("Create " + kind, () -> start(group, clusterId, desired, dependencies));
    }

    /** By default nothing can change in place: a differing attribute is reported, never silently ignored. */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        Map<String, String> drift = drift(desired, observed);
        if (!drift.isEmpty()) {
            String detail = drift.entrySet().stream()
                    .map(e -> e.getKey() + " is '" + e.getValue() + "', wanted '" + desired.attribute(e.getKey()) + "'")
                    .collect(Collectors.joining("; "));
            throw new TerminalCloudException(Cloud.AZURE, "Update", "NotUpdatableInPlace",
                    kind + " " + desired.name() + " cannot change in place (delete and create it again): " + detail, null);
        }
        return observed;
    }

    @Override
    public final void delete(Observation observed) {
        if (observed.kind() != kind) {
            throw new IllegalArgumentException("a " + kind + " client cannot delete a " + observed.kind());
        }
        AzureErrors.removing("Delete " + kind, () -> remove(ArmIds.group(observed.cloudId()), observed));
    }

    /** Every resource of the kind in the group as observations (ownership is checked by the caller). */
    protected abstract List<Observation> observeGroup(String group, String region);

    /** Sends the create (PUT) with the ownership tags and returns what was started. */
    protected abstract Observation start(String group, String clusterId, Resource desired, Dependencies dependencies);

    /** Starts the delete. */
    protected abstract void remove(String group, Observation observed);

    /** One list call (one per page) whose "no such group" means "nothing yet". */
    protected static <T> List<T> list(String operation, java.util.function.Supplier<PagedIterable<T>> call) {
        return AzureErrors.listing(operation, () -> call.get().stream().toList());
    }

    /** Observations of listed ARM resources: the ones that carry a resource-name tag, with their state and attributes. */
    protected final List<Observation> observeEach(String region, List<T> items, Function<T, Object> provisioningState,
                                                  Function<T, Map<String, String>> attributes) {
        return items.stream()
                .map(item -> observed(region, item.id(), item.tags(), String.valueOf(provisioningState.apply(item)), attributes.apply(item)))
                .flatMap(Optional::stream)
                .toList();
    }

    /** An observation of one ARM resource, or nothing when it carries no resource-name tag (not ours to report). */
    protected final Optional<Observation> observed(String region, String id, Map<String, String> tags, String provisioningState,
                                                   Map<String, String> attributes) {
        String name = OwnershipTags.resourceName(Cloud.AZURE, tags);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new Observation(name, kind, Cloud.AZURE, region, id, state(provisioningState), new TreeMap<>(attributes),
                tags));
    }

    /** What a create call just started, tagged as asked. */
    protected final Observation started(String clusterId, Resource desired, String id, Map<String, String> attributes) {
        return new Observation(desired.name(), kind, Cloud.AZURE, desired.region(), id, ResourceState.CREATING,
                new TreeMap<>(attributes), tags(clusterId, desired));
    }

    protected static Map<String, String> tags(String clusterId, Resource desired) {
        return OwnershipTags.of(Cloud.AZURE, clusterId, desired.name());
    }

    /** ARM's provisioning states; an unknown one is treated as still in progress. */
    protected static ResourceState state(String provisioningState) {
        return switch (provisioningState == null ? "" : provisioningState) {
            case "Succeeded" -> ResourceState.READY;
            case "Deleting" -> ResourceState.DELETING;
            case "Failed", "Canceled" -> ResourceState.FAILED;
            default -> ResourceState.CREATING;
        };
    }

    /** Observed attributes from key/value pairs; a {@code null} value (ARM did not say) is left out. */
    protected static Map<String, String> attributes(String... keysAndValues) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    protected static Map<String, String> drift(Resource desired, Observation observed) {
        return desired.attributes().entrySet().stream()
                .filter(e -> observed.attributes().containsKey(e.getKey()))
                .filter(e -> !e.getValue().equals(observed.attribute(e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> observed.attribute(e.getKey()), (a, b) -> a, TreeMap::new));
    }

    /** A desired attribute the kind cannot do without; missing is bad input, not a crash. */
    protected final String required(Resource desired, String key) {
        String value = desired.attribute(key);
        if (value == null || value.isBlank()) {
            throw new TerminalCloudException(Cloud.AZURE, "Create", "MissingAttribute",
                    kind + " " + desired.name() + " needs attribute '" + key + "'", null);
        }
        return value;
    }

    protected final TerminalCloudException invalid(Resource desired, String key, String rule) {
        return new TerminalCloudException(Cloud.AZURE, "Create", "InvalidAttribute",
                kind + " " + desired.name() + ": attribute '" + key + "' is '" + desired.attribute(key) + "' but " + rule, null);
    }
}
