package dev.overcast.clouds.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceClient;
import dev.overcast.core.cloud.contract.ContractChain;
import dev.overcast.core.cloud.contract.Convergence;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Observe is one aggregated list: its cost, counted at cloudsim's Compute front, is flat in the number of instances. */
class ObserveCallCountTest {

    private static final Logger log = LoggerFactory.getLogger(ObserveCallCountTest.class);

    @Test
    void observe_shouldMakeTheSameComputeCalls_for3And300Instances() {
        // No request quota nor instance quota: this test measures observe, not how fast 300 inserts may go.
        CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withThrottling(false).withQuotas(Quotas.none()));
        // A /20: a /24 holds only 252 instances.
        try (GcpTarget target = new GcpTarget(sim, GcpConfig.DEFAULT_MAX_ATTEMPTS, Map.of(Attributes.CIDR, "10.20.16.0/20"))) {
            ContractChain chain = new ContractChain(target, "count");
            Convergence convergence = new Convergence(target, chain, 20);
            List<Resource> needed = chain.upTo(ResourceKind.INSTANCE);
            convergence.ensureAll(needed.subList(0, needed.size() - 1));
            Resource template = needed.get(needed.size() - 1);
            Map<String, Observation> ready = new TreeMap<>();
            needed.forEach(r -> ready.put(r.name(), convergence.observed(r.name())));
            ResourceClient instances = target.adapter().client(ResourceKind.INSTANCE);

            launch(instances, chain, template, ready, 0, 3);
            Map<String, Long> forThree = callsToObserve(sim, target, instances, 3);
            launch(instances, chain, template, ready, 3, 300);
            Map<String, Long> forThreeHundred = callsToObserve(sim, target, instances, 300);

            log.info("Compute calls of one instance observe: 3 instances {}, 300 instances {}", forThree, forThreeHundred);
            assertThat(forThreeHundred).isEqualTo(forThree).containsEntry("instances.aggregatedList", 1L);
        }
    }

    private static void launch(ResourceClient instances, ContractChain chain, Resource template,
                               Map<String, Observation> ready, int from, int to) {
        for (int i = from; i < to; i++) {
            Resource worker = new Resource(chain.clusterId() + "-instance-worker-" + i, ResourceKind.INSTANCE, template.cloud(),
                    template.region(), template.attributes(), template.dependsOn());
            instances.create(chain.clusterId(), worker, chain.dependenciesOf(worker, ready));
        }
    }

    /** Calls of one observe that sees all {@code expected} instances. */
    private static Map<String, Long> callsToObserve(CloudSim sim, GcpTarget target, ResourceClient instances, int expected) {
        target.settle();
        sim.world().calls().reset();
        List<Observation> seen = instances.observe("count", target.region());
        assertThat(seen).hasSize(expected);
        return new TreeMap<>(sim.world().calls().byAction(GcpTarget.FRONT));
    }
}
