package dev.overcast.clouds.aws;

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

/** Observe is one batched describe: its cost, counted at cloudsim's EC2 front, is flat in the number of instances. */
class ObserveCallCountTest {

    private static final Logger log = LoggerFactory.getLogger(ObserveCallCountTest.class);

    @Test
    void observe_shouldMakeTheSameEc2Calls_for3And300Instances() {
        // Throttling off, room for 300 instances in a /20: this test measures observe, not launch limits.
        CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withThrottling(false)
                .withQuotas(Quotas.defaults().with(CloudSimWorld.FRONT, "instance", 300, "InstanceLimitExceeded")));
        try (AwsTarget target = CloudSimWorld.target(sim, AwsConfig.DEFAULT_MAX_ATTEMPTS)) {
            ContractChain chain = new ContractChain(target, "count");
            Convergence convergence = new Convergence(target, chain, 20);
            Resource planned = chain.of(ResourceKind.SUBNET);
            Map<String, String> wide = new TreeMap<>(planned.attributes());
            wide.put(Attributes.CIDR, "10.20.16.0/20");
            Resource subnet = new Resource(planned.name(), ResourceKind.SUBNET, planned.cloud(), planned.region(),
                    new TreeMap<>(wide), planned.dependsOn());
            List<Resource> needed = List.of(chain.of(ResourceKind.NETWORK), subnet, chain.of(ResourceKind.FIREWALL));
            convergence.ensureAll(needed);
            Resource template = chain.of(ResourceKind.INSTANCE);
            Map<String, Observation> ready = new TreeMap<>();
            needed.forEach(r -> ready.put(r.name(), convergence.observed(r.name())));
            ResourceClient instances = target.adapter().client(ResourceKind.INSTANCE);

            launch(instances, chain, template, ready, 0, 3);
            Map<String, Long> forThree = callsToObserve(sim, target, instances, 3);
            launch(instances, chain, template, ready, 3, 300);
            Map<String, Long> forThreeHundred = callsToObserve(sim, target, instances, 300);

            log.info("EC2 calls of one instance observe: 3 instances {}, 300 instances {}", forThree, forThreeHundred);
            assertThat(forThreeHundred).isEqualTo(forThree).containsEntry("DescribeInstances", 1L);
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

    /** Calls of one observe that sees all {@code expected} instances (fresh ones first made visible by settling). */
    private static Map<String, Long> callsToObserve(CloudSim sim, AwsTarget target, ResourceClient instances, int expected) {
        target.settle();
        sim.world().calls().reset();
        List<Observation> seen = instances.observe("count", target.region());
        assertThat(seen).hasSize(expected);
        return new TreeMap<>(sim.world().calls().byAction(CloudSimWorld.FRONT));
    }
}
