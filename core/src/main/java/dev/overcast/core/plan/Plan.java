package dev.overcast.core.plan;

import dev.overcast.core.network.NetworkPlan;
import dev.overcast.core.region.RegionSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The desired state of a cluster: its regions, its address plan and a DAG of resources. Built by
 * {@link Planner}; the constructor refuses a graph with a dangling reference or a cycle, so every
 * plan in hand has a creation order.
 *
 * @param cluster           the cluster's name, which is also its id in ownership tags
 * @param kubernetesVersion the Kubernetes version to install
 * @param regions           the chosen region of each cloud and every pair's round trip
 * @param network           every address range
 * @param resources         the DAG's nodes, sorted by name
 */
public record Plan(String cluster, String kubernetesVersion, RegionSet regions, NetworkPlan network, List<Resource> resources) {

    /** Ties between resources ready at the same time: foundations first, then by name. */
    private static final Comparator<Resource> READY_FIRST = Comparator.comparing(Resource::kind).thenComparing(Resource::name);

    public Plan {
        resources = resources.stream().sorted(Comparator.comparing(Resource::name)).toList();
        checkGraph(resources);
    }

    public Map<String, Resource> byName() {
        Map<String, Resource> index = new LinkedHashMap<>();
        resources.forEach(r -> index.put(r.name(), r));
        return Collections.unmodifiableMap(index);
    }

    /** Every resource after all it depends on (Kahn's algorithm; ties: {@link ResourceKind} order, then name). */
    public List<Resource> creationOrder() {
        return topologicalOrder(resources);
    }

    /** The reverse of {@link #creationOrder()}: dependants go before what they depend on. */
    public List<Resource> deletionOrder() {
        List<Resource> order = new ArrayList<>(creationOrder());
        Collections.reverse(order);
        return order;
    }

    /**
     * Whether an attribute names other resources of the plan: keys ending in {@code Ref} or
     * {@code Refs}, except {@link Attributes#SHARED_SECRET_REF}, which names a secret.
     */
    static boolean isReference(String key) {
        return (key.endsWith("Ref") || key.endsWith("Refs")) && !key.equals(Attributes.SHARED_SECRET_REF);
    }

    private static void checkGraph(List<Resource> resources) {
        Map<String, Resource> byName = new HashMap<>();
        for (Resource r : resources) {
            if (byName.put(r.name(), r) != null) {
                throw new IllegalArgumentException("two resources named " + r.name());
            }
        }
        for (Resource r : resources) {
            for (String dependency : r.dependsOn()) {
                if (!byName.containsKey(dependency)) {
                    throw new IllegalArgumentException(r.name() + " depends on " + dependency + ", which is not in the plan");
                }
            }
            r.attributes().forEach((key, value) -> {
                if (isReference(key)) {
                    for (String referenced : value.split(",")) {
                        if (!r.dependsOn().contains(referenced)) {
                            throw new IllegalArgumentException(r.name() + "." + key + " references " + referenced + " without depending on it");
                        }
                    }
                }
            });
        }
        topologicalOrder(resources);
    }

    private static List<Resource> topologicalOrder(List<Resource> resources) {
        Map<String, Integer> waitingOn = new HashMap<>();
        Map<String, List<Resource>> dependants = new TreeMap<>();
        PriorityQueue<Resource> ready = new PriorityQueue<>(READY_FIRST);
        for (Resource r : resources) {
            waitingOn.put(r.name(), r.dependsOn().size());
            r.dependsOn().forEach(d -> dependants.computeIfAbsent(d, k -> new ArrayList<>()).add(r));
            if (r.dependsOn().isEmpty()) {
                ready.add(r);
            }
        }
        List<Resource> order = new ArrayList<>(resources.size());
        while (!ready.isEmpty()) {
            Resource next = ready.poll();
            order.add(next);
            for (Resource dependant : dependants.getOrDefault(next.name(), List.of())) {
                if (waitingOn.merge(dependant.name(), -1, Integer::sum) == 0) {
                    ready.add(dependant);
                }
            }
        }
        if (order.size() != resources.size()) {
            List<String> stuck = resources.stream().map(Resource::name).filter(n -> waitingOn.get(n) > 0).sorted().toList();
            throw new IllegalArgumentException("the plan has a dependency cycle among " + stuck);
        }
        return order;
    }
}
