package dev.overcast.cloudsim.kubernetes;

import dev.overcast.core.bootstrap.CloudInit;
import dev.overcast.core.Cloud;
import dev.overcast.core.region.Region;
import dev.overcast.core.region.RegionCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which nodes a cluster has at an instant, computed from its machines alone, so the answer depends
 * only on the world and the virtual clock (no queued events, nothing racing the clock):
 * <ul>
 *   <li>master 0 ({@code kubeadm init}) is Ready {@code initDelay} after it started running;</li>
 *   <li>a join whose API server endpoint is the init's {@code controlPlaneEndpoint} is Ready
 *       {@code joinDelay} after both it runs and the control plane is up; a join before that waits,
 *       a join to another endpoint never happens;</li>
 *   <li>a node whose instance stops or is shutting down is NotReady; once terminated (or gone) it is removed.</li>
 * </ul>
 * Every node carries the world's modelled round trip to every other node, by their region labels.
 */
final class NodeSchedule {
    private final Duration initDelay;
    private final Duration joinDelay;
    private final RegionCatalog regions;

    NodeSchedule(Duration initDelay, Duration joinDelay, RegionCatalog regions) {
        this.initDelay = initDelay;
        this.joinDelay = joinDelay;
        this.regions = regions;
    }

    List<SimNode> nodes(List<Machine> machines, Instant now) {
        Optional<Machine> init = machines.stream().filter(m -> m.intent().init())
                .min(Comparator.comparing(Machine::runningAt));
        List<SimNode> nodes = new ArrayList<>();
        for (Machine m : machines) {
            Optional<Instant> due = due(m, init);
            if (due.isEmpty() || now.isBefore(due.get()) || m.gone()) {
                continue;
            }
            nodes.add(new SimNode(m.intent().nodeName(), m.running(), m.intent().controlPlane(),
                    m.intent().labels(), m.privateIp(), due.get(), Map.of()));
        }
        return nodes.stream().map(n -> withRtt(n, nodes)).toList();
    }

    private Optional<Instant> due(Machine m, Optional<Machine> init) {
        if (m.intent().init()) {
            return Optional.of(m.runningAt().plus(initDelay));
        }
        return init.filter(i -> i.intent().endpoint().equals(m.intent().endpoint())).map(i -> {
            Instant controlPlaneUp = i.runningAt().plus(initDelay);
            Instant start = m.runningAt().isAfter(controlPlaneUp) ? m.runningAt() : controlPlaneUp;
            return start.plus(joinDelay);
        });
    }

    private SimNode withRtt(SimNode node, List<SimNode> all) {
        Map<String, Double> rtt = new TreeMap<>();
        region(node).ifPresent(from -> all.stream().filter(other -> !other.name().equals(node.name())).forEach(other ->
                region(other).ifPresent(to -> rtt.put(other.name(), regions.rtt(from, to).millis()))));
        return new SimNode(node.name(), node.ready(), node.controlPlane(), node.labels(), node.internalIp(), node.since(), rtt);
    }

    private Optional<Region> region(SimNode node) {
        return Cloud.fromId(node.labels().get(CloudInit.CLOUD_LABEL))
                .flatMap(cloud -> regions.find(cloud, node.labels().getOrDefault(CloudInit.REGION_LABEL, "")));
    }
}
