package dev.overcast.clouds.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSimConfig;
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

/** Observe is one list per ARM type in the resource group: its cost, counted at cloudsim's Azure front, is flat in the number of VMs. */
class ObserveCallCountTest {

    private static final Logger log = LoggerFactory.getLogger(ObserveCallCountTest.class);

    @Test
    void observe_shouldMakeTheSameArmCalls_for3And300VirtualMachines() {
        // Throttling off: this test measures observe, not how fast 600 PUTs may go.
        try (AzureTarget target = AzureTarget.on(CloudSimConfig.defaults().withThrottling(false))) {
            ContractChain chain = new ContractChain(target, "count");
            Convergence convergence = new Convergence(target, chain, 20);
            Resource subnet = chain.of(ResourceKind.SUBNET);
            Map<String, String> wide = new TreeMap<>(subnet.attributes());
            // A /24 holds 251 NICs on Azure (five addresses reserved); 300 VMs need a /22.
            wide.put(Attributes.CIDR, "10.20.4.0/22");
            List<Resource> needed = List.of(chain.of(ResourceKind.NETWORK),
                    new Resource(subnet.name(), subnet.kind(), subnet.cloud(), subnet.region(), new TreeMap<>(wide), subnet.dependsOn()),
                    chain.of(ResourceKind.FIREWALL));
            convergence.ensureAll(needed);
            Resource template = chain.of(ResourceKind.INSTANCE);
            Map<String, Observation> ready = new TreeMap<>();
            needed.forEach(r -> ready.put(r.name(), convergence.observed(r.name())));
            ResourceClient machines = target.adapter().client(ResourceKind.INSTANCE);

            launch(machines, chain, template, ready, 0, 3);
            Map<String, Long> forThree = callsToObserve(target, machines, 3);
            long realStart = System.nanoTime();
            launch(machines, chain, template, ready, 3, 300);
            log.info("297 VM creates took {} ms real", (System.nanoTime() - realStart) / 1_000_000);
            Map<String, Long> forThreeHundred = callsToObserve(target, machines, 300);

            log.info("ARM calls of one instance observe: 3 VMs {}, 300 VMs {}", forThree, forThreeHundred);
            assertThat(forThreeHundred).isEqualTo(forThree)
                    .containsEntry("LIST virtualMachines", 1L)
                    .containsEntry("LIST networkInterfaces", 1L);
        }
    }

    private static void launch(ResourceClient machines, ContractChain chain, Resource template,
                               Map<String, Observation> ready, int from, int to) {
        for (int i = from; i < to; i++) {
            Resource worker = new Resource(chain.clusterId() + "-instance-worker-" + i, ResourceKind.INSTANCE, template.cloud(),
                    template.region(), template.attributes(), template.dependsOn());
            machines.create(chain.clusterId(), worker, chain.dependenciesOf(worker, ready));
        }
    }

    /** Calls of one observe that sees all {@code expected} VMs (fresh ones first made visible by settling). */
    private static Map<String, Long> callsToObserve(AzureTarget target, ResourceClient machines, int expected) {
        target.settle();
        target.sim().world().calls().reset();
        List<Observation> seen = machines.observe("count", target.region());
        assertThat(seen).hasSize(expected).allMatch(o -> o.attribute("privateIp") != null);
        return new TreeMap<>(target.sim().world().calls().byAction(AzureTarget.FRONT));
    }
}
