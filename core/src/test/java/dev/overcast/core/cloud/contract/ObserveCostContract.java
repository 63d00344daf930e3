package dev.overcast.core.cloud.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observe is batched: one observe of instances, counted at the emulator's front, makes the same calls
 * by action for 3 instances as for 300. Each adapter module names the emulated cloud (with nothing
 * throttling or capping 300 creates), a subnet wide enough and the list calls it expects.
 */
public abstract class ObserveCostContract {

    private static final Logger log = LoggerFactory.getLogger(ObserveCostContract.class);

    private final String subnetCidrFor300Instances;
    private final Map<String, Long> listCallsOfOneObserve;

    /**
     * @param subnetCidrFor300Instances a subnet range inside the chain's network ({@code 10.20.0.0/16})
     *                                  with room for 300 instances
     * @param listCallsOfOneObserve     the list calls one observe of instances makes, whatever their number
     */
    protected ObserveCostContract(String subnetCidrFor300Instances, Map<String, Long> listCallsOfOneObserve) {
        this.subnetCidrFor300Instances = subnetCidrFor300Instances;
        this.listCallsOfOneObserve = Map.copyOf(listCallsOfOneObserve);
    }

    /** The cloud with neither request throttling nor an instance quota in the way of 300 creates. */
    protected abstract EmulatedCloud openUnthrottled();

    @Test
    void observeOfInstances_shouldMakeTheSameCalls_for3And300Instances() {
        try (EmulatedCloud cloud = openUnthrottled()) {
            ContractTarget target = cloud.target();
            ContractChain chain = new ContractChain(target, "count");
            Convergence convergence = new Convergence(target, chain, 20);
            List<Resource> needed = new ArrayList<>(chain.upTo(ResourceKind.INSTANCE));
            Resource template = needed.remove(needed.size() - 1);
            needed.replaceAll(r -> r.kind() == ResourceKind.SUBNET ? widened(r) : r);
            convergence.ensureAll(needed);
            Map<String, Observation> ready = new TreeMap<>();
            needed.forEach(r -> ready.put(r.name(), convergence.observed(r.name())));
            ResourceClient instances = target.adapter().client(ResourceKind.INSTANCE);

            launch(instances, chain, template, ready, 0, 3);
            Map<String, Long> forThree = callsToObserve(cloud, instances, 3);
            long realStart = System.nanoTime();
            launch(instances, chain, template, ready, 3, 300);
            log.info("297 instance creates took {} ms real", (System.nanoTime() - realStart) / 1_000_000);
            Map<String, Long> forThreeHundred = callsToObserve(cloud, instances, 300);

            log.info("{} calls of one instance observe: 3 instances {}, 300 instances {}", target.adapter().cloud().id(),
                    forThree, forThreeHundred);
            assertThat(forThreeHundred).isEqualTo(forThree).containsAllEntriesOf(listCallsOfOneObserve);
        }
    }

    private Resource widened(Resource subnet) {
        Map<String, String> wide = new TreeMap<>(subnet.attributes());
        wide.put(Attributes.CIDR, subnetCidrFor300Instances);
        return new Resource(subnet.name(), subnet.kind(), subnet.cloud(), subnet.region(), new TreeMap<>(wide), subnet.dependsOn());
    }

    private static void launch(ResourceClient instances, ContractChain chain, Resource template,
                               Map<String, Observation> ready, int from, int to) {
        for (int i = from; i < to; i++) {
            Resource worker = new Resource(chain.clusterId() + "-instance-worker-" + i, ResourceKind.INSTANCE, template.cloud(),
                    template.region(), template.attributes(), template.dependsOn());
            instances.create(chain.clusterId(), worker, chain.dependenciesOf(worker, ready));
        }
    }

    /** Calls of one observe that sees all {@code expected} instances (fresh ones first made visible by settling). */
    private static Map<String, Long> callsToObserve(EmulatedCloud cloud, ResourceClient instances, int expected) {
        cloud.target().settle();
        cloud.resetCalls().run();
        List<Observation> seen = instances.observe("count", cloud.target().region());
        assertThat(seen).hasSize(expected).allMatch(o -> o.attribute(Outputs.PRIVATE_IP) != null);
        return new TreeMap<>(cloud.callsByAction().get());
    }
}
