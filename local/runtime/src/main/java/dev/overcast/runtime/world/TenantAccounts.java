package dev.overcast.runtime.world;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.CloudAdapter;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import dev.overcast.store.Store;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service's tenants, each in cloud accounts of its own ({@link LocalClouds.Accounts#ofTenant}): one
 * cloud's adapter that sends every call to the adapter of the tenant owning the cluster, so each
 * tenant meets its own accounts' rate limits and quotas in cloudsim, as on the real clouds. A delete
 * names no cluster; it is routed by the observation's ownership tag, which the round observed first.
 */
final class TenantAccounts implements CloudAdapter, AutoCloseable {
    private final Cloud cloud;
    private final CloudSim cloudSim;
    private final SecretResolver secrets;
    private final boolean sdkRetries;
    private final Store store;
    private final Map<String, CloudAdapter> byTenant = new ConcurrentHashMap<>();
    /** Cluster id, and its ownership-tag value on this cloud, → tenant. */
    private final Map<String, String> tenantOf = new ConcurrentHashMap<>();

    TenantAccounts(Cloud cloud, CloudSim cloudSim, SecretResolver secrets, boolean sdkRetries, Store store) {
        this.cloud = cloud;
        this.cloudSim = cloudSim;
        this.secrets = secrets;
        this.sdkRetries = sdkRetries;
        this.store = store;
    }

    @Override
    public Cloud cloud() {
        return cloud;
    }

    @Override
    public ResourceClient client(ResourceKind kind) {
        return new ResourceClient() {
            @Override
            public Cloud cloud() {
                return cloud;
            }

            @Override
            public ResourceKind kind() {
                return kind;
            }

            @Override
            public java.util.List<Observation> observe(String clusterId, String region) {
                return ofCluster(clusterId).client(kind).observe(clusterId, region);
            }

            @Override
            public Observation create(String clusterId, Resource desired, Dependencies dependencies) {
                return ofCluster(clusterId).client(kind).create(clusterId, desired, dependencies);
            }

            @Override
            public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
                return ofCluster(clusterId).client(kind).update(clusterId, desired, observed, dependencies);
            }

            @Override
            public void delete(Observation observed) {
                String owner = observed.tags().get(OwnershipTags.key(cloud, OwnershipTags.CLUSTER));
                String tenant = owner == null ? null : tenantOf.get(owner);
                if (tenant == null) {
                    throw new IllegalStateException("no tenant known for the owner '" + owner + "' of " + observed.name()
                            + ": a round observes before it deletes");
                }
                ofTenant(tenant).client(kind).delete(observed);
            }
        };
    }

    /** The adapter in the accounts of the tenant owning {@code clusterId}. */
    CloudAdapter ofCluster(String clusterId) {
        String tenant = tenantOf.computeIfAbsent(clusterId, id -> store.clusters().get(id).tenant());
        tenantOf.putIfAbsent(OwnershipTags.value(cloud, clusterId), tenant);
        return ofTenant(tenant);
    }

    private CloudAdapter ofTenant(String tenant) {
        return byTenant.computeIfAbsent(tenant, t -> LocalClouds.adapter(cloud, cloudSim, secrets, sdkRetries,
                LocalClouds.Accounts.ofTenant(t)));
    }

    @Override
    public void close() throws Exception {
        for (CloudAdapter adapter : byTenant.values()) {
            if (adapter instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }
}
