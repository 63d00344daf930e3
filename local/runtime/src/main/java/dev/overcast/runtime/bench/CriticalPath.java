package dev.overcast.runtime.bench;

import dev.overcast.cloudsim.world.Durations;
import dev.overcast.core.Cloud;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fastest any scheduler could build (or tear down) a plan in cloudsim: every resource starts the
 * instant its dependencies are done and takes exactly the virtual time cloudsim's {@link Durations}
 * give its native operations. The DAG is the plan's {@code dependsOn}; the durations are read from the
 * same table cloudsim runs on, so the bound follows any change to either.
 *
 * <p>{@link #STAGES} is the one piece of adapter knowledge here: which native operations a kind waits
 * for on each cloud, in order (operations in one stage run together). Kubernetes nodes come after the
 * instances: the first master is Ready {@code node.init} after it runs, every other node
 * {@code node.join} after both it runs and the control plane is up, as cloudsim's node schedule has it.
 */
public final class CriticalPath {
    /** Create stages per cloud and kind, each a set of operations that run at the same time. */
    private static final Map<Cloud, Map<ResourceKind, List<List<String>>>> STAGES = Map.of(
            Cloud.AWS, Map.of(
                    ResourceKind.NETWORK, List.of(List.of("vpc.create")),
                    ResourceKind.SUBNET, List.of(List.of("subnet.create")),
                    // EC2 attaches only an available gateway: the attach is a second stage.
                    ResourceKind.VPN_GATEWAY, List.of(List.of("vpn-gateway.create"), List.of("vpn-gateway.attach")),
                    ResourceKind.PEER_GATEWAY, List.of(List.of("customer-gateway.create")),
                    // Observe calls a connection ready once it is available; its tunnels come UP later, off the path.
                    ResourceKind.VPN_TUNNEL, List.of(List.of("vpn-connection.create")),
                    ResourceKind.INSTANCE, List.of(List.of("instance.create"))),
            Cloud.GCP, Map.of(
                    ResourceKind.NETWORK, List.of(List.of("network.create")),
                    ResourceKind.SUBNET, List.of(List.of("subnetwork.create")),
                    ResourceKind.FIREWALL, List.of(List.of("firewall.create")),
                    ResourceKind.PUBLIC_IP, List.of(List.of("address.create")),
                    // The HA VPN gateway and its Cloud Router are inserted together.
                    ResourceKind.VPN_GATEWAY, List.of(List.of("vpn-gateway.create", "router.create")),
                    ResourceKind.PEER_GATEWAY, List.of(List.of("external-vpn-gateway.create")),
                    ResourceKind.VPN_TUNNEL, List.of(List.of("vpn-tunnel.create")),
                    ResourceKind.INSTANCE, List.of(List.of("instance.create"))),
            Cloud.AZURE, Map.of(
                    ResourceKind.NETWORK, List.of(List.of("virtualnetworks.create")),
                    ResourceKind.PUBLIC_IP, List.of(List.of("publicipaddresses.create")),
                    // The gateway is created with every planned APIPA address, so no connection waits for its update.
                    ResourceKind.VPN_GATEWAY, List.of(List.of("virtualnetworkgateways.create")),
                    ResourceKind.PEER_GATEWAY, List.of(List.of("localnetworkgateways.create")),
                    ResourceKind.VPN_TUNNEL, List.of(List.of("connections.create")),
                    ResourceKind.INSTANCE, List.of(List.of("virtualmachines.create"))));

    /** Delete stages: how long a resource stays listed while it is deleted; its dependencies wait for that. */
    private static final Map<Cloud, Map<ResourceKind, List<List<String>>>> DELETE_STAGES = Map.of(
            Cloud.AWS, Map.of(
                    ResourceKind.VPN_GATEWAY, List.of(List.of("vpn-gateway.detach"), List.of("vpn-gateway.delete")),
                    ResourceKind.PEER_GATEWAY, List.of(List.of("customer-gateway.delete")),
                    ResourceKind.VPN_TUNNEL, List.of(List.of("vpn-connection.delete")),
                    ResourceKind.INSTANCE, List.of(List.of("instance.delete"))),
            Cloud.GCP, Map.of(
                    ResourceKind.NETWORK, List.of(List.of("network.delete")),
                    ResourceKind.SUBNET, List.of(List.of("subnetwork.delete")),
                    ResourceKind.FIREWALL, List.of(List.of("firewall.delete")),
                    ResourceKind.VPN_GATEWAY, List.of(List.of("vpn-gateway.delete")),
                    ResourceKind.VPN_TUNNEL, List.of(List.of("vpn-tunnel.delete")),
                    ResourceKind.INSTANCE, List.of(List.of("instance.delete"))),
            Cloud.AZURE, Map.of(
                    // The network is the resource group; ARM stops listing it once its delete is accepted, and
                    // the flow is done when nothing owned is listed, so the group's own deletion is off the path.
                    ResourceKind.VPN_GATEWAY, List.of(List.of("virtualnetworkgateways.delete")),
                    ResourceKind.VPN_TUNNEL, List.of(List.of("connections.delete")),
                    ResourceKind.INSTANCE, List.of(List.of("virtualmachines.delete"))));

    private static final String KUBERNETES = "kubernetes";
    private static final String NODE_PREFIX = "node:";

    /**
     * One node of the schedule: a plan resource, or a Kubernetes node ({@code node:<instance>}).
     *
     * @param earliestStart when its last dependency is done, at the earliest
     * @param duration      the sum of its stages, each as long as its slowest operation
     * @param critical      the dependency that decided {@code earliestStart}, if any
     */
    public record Step(String name, Duration earliestStart, Duration duration, String critical) {
        public Duration earliestFinish() {
            return earliestStart.plus(duration);
        }
    }

    private final Map<String, Step> steps;

    private CriticalPath(Map<String, Step> steps) {
        this.steps = Collections.unmodifiableMap(steps);
    }

    /** Building the plan, then its Kubernetes nodes up to Ready. */
    public static CriticalPath create(Plan plan, Durations durations) {
        Map<String, Step> steps = new LinkedHashMap<>();
        for (Resource r : plan.creationOrder()) {
            schedule(steps, r.name(), r.dependsOn(), duration(STAGES, r, durations));
        }
        Optional<Resource> init = plan.resources().stream()
                .filter(r -> r.kind() == ResourceKind.INSTANCE && "master".equals(r.attribute(Attributes.ROLE)))
                .findFirst();
        init.ifPresent(first -> {
            String controlPlane = NODE_PREFIX + first.name();
            schedule(steps, controlPlane, List.of(first.name()), durations.of(KUBERNETES, "node.init"));
            plan.resources().stream().filter(r -> r.kind() == ResourceKind.INSTANCE && !r.equals(first))
                    .forEach(r -> schedule(steps, NODE_PREFIX + r.name(), List.of(r.name(), controlPlane),
                            durations.of(KUBERNETES, "node.join")));
        });
        return new CriticalPath(steps);
    }

    /** Tearing the plan down: dependants first. */
    public static CriticalPath destroy(Plan plan, Durations durations) {
        Map<String, List<String>> dependants = new HashMap<>();
        plan.resources().forEach(r -> r.dependsOn().forEach(d -> dependants.computeIfAbsent(d, k -> new ArrayList<>()).add(r.name())));
        Map<String, Step> steps = new LinkedHashMap<>();
        for (Resource r : plan.deletionOrder()) {
            schedule(steps, r.name(), dependants.getOrDefault(r.name(), List.of()), duration(DELETE_STAGES, r, durations));
        }
        return new CriticalPath(steps);
    }

    private static void schedule(Map<String, Step> steps, String name, Iterable<String> after, Duration duration) {
        Duration start = Duration.ZERO;
        String critical = null;
        for (String dependency : after) {
            Duration finish = steps.get(dependency).earliestFinish();
            if (critical == null || finish.compareTo(start) > 0) {
                start = finish;
                critical = dependency;
            }
        }
        steps.put(name, new Step(name, start, duration, critical));
    }

    private static Duration duration(Map<Cloud, Map<ResourceKind, List<List<String>>>> table, Resource r, Durations durations) {
        Duration total = Duration.ZERO;
        for (List<String> stage : table.get(r.cloud()).getOrDefault(r.kind(), List.of())) {
            total = total.plus(stage.stream().map(op -> durations.of(r.cloud().id(), op)).max(Duration::compareTo).orElse(Duration.ZERO));
        }
        return total;
    }

    /** The lower bound: the latest earliest-finish of any step. */
    public Duration length() {
        return steps.values().stream().map(Step::earliestFinish).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Every step one after the other: what a scheduler without any parallelism would take. */
    public Duration sequential() {
        return steps.values().stream().map(Step::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** The chain deciding {@link #length()}, first step first. */
    public List<Step> chain() {
        List<Step> chain = new ArrayList<>();
        Step last = steps.values().stream().max((a, b) -> a.earliestFinish().compareTo(b.earliestFinish())).orElse(null);
        for (Step s = last; s != null; s = s.critical() == null ? null : steps.get(s.critical())) {
            chain.add(0, s);
        }
        return chain;
    }

    public Map<String, Step> steps() {
        return steps;
    }
}
