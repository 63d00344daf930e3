package dev.overcast.clouds.aws.internal;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnedResourceClient;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * EC2's side of the adopt-or-create skeleton ({@link OwnedResourceClient#create}): observe is one describe
 * filtered by the cluster's tag; create looks for the resource by its name tag (same describe, one more
 * filter), completes a resource right after creating it, and creates a new one beside one being deleted;
 * delete treats "already gone" as done.
 */
public abstract class Ec2ResourceClient extends OwnedResourceClient {

    private static final Logger log = LoggerFactory.getLogger(Ec2ResourceClient.class);

    protected final Ec2Clients clients;

    protected Ec2ResourceClient(ResourceKind kind, Ec2Clients clients) {
        super(Cloud.AWS, kind);
        this.clients = clients;
    }

    @Override
    public final List<Observation> observe(String clusterId, String region) {
        return describe(clients.in(region), region, OwnedTags.ofCluster(clusterId));
    }

    /** The name is a tag: one describe filtered by it finds every resource carrying it. */
    @Override
    protected final List<Observation> named(String clusterId, Resource desired) {
        return describe(clients.in(desired.region()), desired.region(), OwnedTags.ofResource(clusterId, desired.name()));
    }

    @Override
    protected final Observation start(String clusterId, Resource desired, Dependencies dependencies) {
        log.info("creating {} {} of cluster {} in {}", kind(), desired.name(), clusterId, desired.region());
        return start(clients.in(desired.region()), clusterId, desired, dependencies);
    }

    @Override
    protected final Observation complete(String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        return complete(clients.in(desired.region()), clusterId, desired, found, dependencies);
    }

    /** EC2 answers a create with the resource's id, so its other parts (routes, an attachment) follow at once. */
    @Override
    protected final boolean completeAfterStart() {
        return true;
    }

    /**
     * EC2 names are tags on resources with ids of their own: a new resource is created beside the one that is
     * being deleted (a VPN connection or an instance keeps being listed while it goes).
     */
    @Override
    protected final void beingDeleted(Resource desired, Observation leaving) {
        // the create goes ahead
    }

    @Override
    public final void delete(Observation observed) {
        requireOwnKind(observed);
        log.info("deleting {} {} ({}) in {}", kind(), observed.name(), observed.cloudId(), observed.region());
        remove(clients.in(observed.region()), observed);
    }

    /** One batched (paginated) describe with these filters, owned resources only, gone ones left out. */
    protected abstract List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters);

    /** Issues the create call, tags included, in the resource's region, and returns what EC2 answered. */
    protected abstract Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies);

    /**
     * {@link OwnedResourceClient#complete} in the resource's region (a VPC's gateway and routes, a gateway's
     * attachment).
     */
    protected Observation complete(Ec2Client ec2, String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        return found;
    }

    protected abstract void remove(Ec2Client ec2, Observation observed);

    /** The resource of the planned name that is not being deleted, read again (after completing it, say). */
    protected final Optional<Observation> find(String clusterId, Resource desired) {
        return named(clusterId, desired).stream().filter(o -> o.state() != ResourceState.DELETING).findFirst();
    }

    /** An observation of one EC2 resource, or nothing when it carries no resource-name tag. */
    protected final Optional<Observation> observed(String region, String cloudId, ResourceState state,
                                                   Map<String, String> attributes, List<Tag> tags) {
        return owned(region, cloudId, state, attributes, OwnedTags.asMap(tags));
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
}
