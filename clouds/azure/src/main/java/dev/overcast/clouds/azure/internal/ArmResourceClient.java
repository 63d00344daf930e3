package dev.overcast.clouds.azure.internal;

import com.azure.core.http.rest.PagedIterable;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnedResourceClient;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * ARM's side of the adopt-or-create skeleton ({@link OwnedResourceClient#create}): observe is one list of
 * the kind's ARM type in the cluster's resource group (paged, so one call per page), filtered by the
 * cluster's tag; create adopts what that list holds, refuses (retryably) to PUT over a resource still
 * being deleted, else sends its PUT, tags included; delete treats "already gone" as done. Long-running PUTs and DELETEs are started and never waited for: observe
 * reports {@code provisioningState} later.
 *
 * @param <T> the SDK's model of the listed ARM resource
 */
public abstract class ArmResourceClient<T extends com.azure.core.management.Resource> extends OwnedResourceClient {

    protected final ArmClients arm;

    protected ArmResourceClient(ResourceKind kind, ArmClients arm) {
        super(Cloud.AZURE, kind);
        this.arm = arm;
    }

    @Override
    public final List<Observation> observe(String clusterId, String region) {
        String group = ArmClients.resourceGroup(clusterId, region);
        return observeGroup(group, region).stream()
                .filter(o -> OwnershipTags.ownedBy(Cloud.AZURE, o.tags(), clusterId))
                .toList();
    }

    @Override
    protected final Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        String group = ArmClients.resourceGroup(clusterId, desired.region());
        return AzureErrors.call("Create " + kind(), () -> start(group, clusterId, desired, dependencies));
    }

    @Override
    public final void delete(Observation observed) {
        requireOwnKind(observed);
        AzureErrors.removing("Delete " + kind(), () -> remove(ArmIds.group(observed.cloudId()), observed));
    }

    /** Every resource of the kind in the group as observations (ownership is checked by the caller). */
    protected abstract List<Observation> observeGroup(String group, String region);

    /**
     * Sends the create (PUT) with the ownership tags, in the cluster's group of the region, and returns what was
     * started.
     */
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
        return owned(region, id, state(provisioningState), attributes, tags);
    }

    /** What a create call just started, tagged as asked. */
    protected final Observation started(String clusterId, Resource desired, String id, Map<String, String> attributes) {
        return created(clusterId, desired, id, ResourceState.CREATING, attributes);
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
}
