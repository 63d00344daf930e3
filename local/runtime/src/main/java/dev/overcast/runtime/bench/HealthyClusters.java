package dev.overcast.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.asl.ExecutionResult;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.cloudsim.world.World;
import dev.overcast.core.cluster.ClusterStatus;
import dev.overcast.runtime.world.LocalClouds;
import dev.overcast.runtime.world.LocalWorld;
import dev.overcast.store.Cluster;
import dev.overcast.store.InventoryEntry;
import dev.overcast.store.Lease;
import dev.overcast.store.LeasePurpose;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's fast path to many healthy clusters: the first cluster is built by {@code create-cluster}
 * as usual, then copied — its row (ready), its inventory and its cloud resources, renamed and moved into
 * each copy's tenant's accounts ({@link LocalWorld#accountsOf}) — so seeding 10,000 clusters takes minutes instead of hours. Bench only:
 * the product creates every cluster through its flows.
 */
final class HealthyClusters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthyClusters() {
    }

    /** The id of copy {@code index}. */
    static String id(int index) {
        return "c%05d".formatted(index);
    }

    /** The tenant (and so the accounts) of copy {@code index} among {@code tenants}. */
    static String tenant(int index, int tenants) {
        return "tenant-%04d".formatted(index % tenants);
    }

    /**
     * Seeds {@code count} ready clusters of {@code spec}, spread round-robin over {@code tenants}
     * tenants, in a world whose tenants have accounts of their own; returns their ids.
     */
    static List<String> seed(LocalWorld world, ObjectNode spec, int count, int tenants) {
        String first = id(0);
        ObjectNode input = JSON.createObjectNode().put("tenant", tenant(0, tenants)).put("clusterId", first);
        input.set("spec", spec.deepCopy().put("name", first));
        ExecutionResult created = world.run("create-cluster", input);
        if (!created.succeeded()) {
            throw new IllegalStateException("create-cluster of " + first + ": " + created.error() + ": " + created.cause());
        }
        Cluster template = world.store().clusters().get(first);
        List<InventoryEntry> inventory = world.store().inventory().list(first);
        LocalClouds.Accounts from = world.accountsOf(template.tenant());
        World sim = world.cloudSim().world();
        List<SimResource> resources = new ArrayList<>();
        for (String front : List.of("aws", "gcp", "azure")) {
            sim.resources(front, account(front, from)).forEach(view ->
                    sim.find(front, view.account(), view.region(), view.id()).ifPresent(resources::add));
        }
        List<String> ids = new ArrayList<>(List.of(first));
        for (int i = 1; i < count; i++) {
            String id = id(i);
            String tenant = tenant(i, tenants);
            LocalClouds.Accounts to = world.accountsOf(tenant);
            Map<String, String> renames = new LinkedHashMap<>();
            renames.put(from.gcpProject(), to.gcpProject());
            renames.put(from.azureSubscription(), to.azureSubscription());
            renames.put(from.aws(), to.aws());
            for (SimResource resource : resources) {
                String copyId = resource.id().contains(first) ? resource.id().replace(first, id)
                        : sim.newId(resource.id().substring(0, Math.max(1, resource.id().indexOf('-'))));
                renames.put(resource.id(), copyId);
            }
            renames.put(first, id);
            for (SimResource resource : resources) {
                sim.copy(resource, account(resource.key().front(), to), renames.get(resource.id()), value -> rename(value, renames));
            }
            Cluster cluster = world.store().clusters().create(id, tenant, id, template.spec().replace("\"" + first + "\"", "\"" + id + "\""));
            Lease lease = world.store().locks().acquire(id, "bench-seed", LeasePurpose.CREATE, Duration.ofMinutes(5));
            world.store().inventory().putAll(lease, inventory.stream().map(e -> new InventoryEntry(id,
                    (String) rename(e.name(), renames), e.kind(), e.cloud(), e.region(), (String) rename(e.cloudId(), renames),
                    e.state(), renamedAttributes(e, renames), e.observedAt())).toList());
            world.store().clusters().moveTo(lease, cluster, ClusterStatus.READY, null);
            world.store().locks().release(lease);
            ids.add(id);
        }
        return ids;
    }

    private static String account(String front, LocalClouds.Accounts accounts) {
        return switch (front) {
            case "aws" -> accounts.aws();
            case "gcp" -> accounts.gcpProject();
            default -> accounts.azureSubscription();
        };
    }

    private static java.util.SortedMap<String, String> renamedAttributes(InventoryEntry entry, Map<String, String> renames) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        entry.attributes().forEach((k, v) -> out.put(k, (String) rename(v, renames)));
        return out;
    }

    /** Every string inside {@code value} with the template's names, ids and accounts replaced by the copy's. */
    private static Object rename(Object value, Map<String, String> renames) {
        if (value instanceof String text) {
            String out = text;
            for (Map.Entry<String, String> rename : renames.entrySet()) {
                if (out.contains(rename.getKey())) {
                    out = out.replace(rename.getKey(), rename.getValue());
                }
            }
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> rename(item, renames)).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, rename(v, renames)));
            return out;
        }
        return value;
    }
}
