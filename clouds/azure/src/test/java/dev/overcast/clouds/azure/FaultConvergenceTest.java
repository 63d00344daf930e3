package dev.overcast.clouds.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.ContractChain;
import dev.overcast.core.cloud.contract.Convergence;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in five ARM calls fails (429 or 5xx, seeded), and the SDK's own retries are off so every fault
 * reaches the verbs: creating then deleting every kind still converges by calling verbs again after
 * the clock moves, and the subscription ends as empty as it began.
 */
class FaultConvergenceTest {

    private static final Logger log = LoggerFactory.getLogger(FaultConvergenceTest.class);
    private static final double FAULT_RATE = 0.20;
    private static final long SEED = 2026L;

    @Test
    void createThenDeleteOfEveryKind_shouldConvergeAndLeakNothing_whenOneCallInFiveFails() {
        try (AzureTarget target = new AzureTarget(CloudSim.start(CloudSimConfig.defaults()), 0)) {
            CloudSim sim = target.sim();
            ContractChain chain = new ContractChain(target, "faulty");
            Convergence convergence = new Convergence(target, chain, 200);
            sim.world().faults().randomFaults(FAULT_RATE, SEED);

            convergence.ensureAll(chain.resources());
            convergence.removeAll(chain.resources());

            sim.world().faults().clear();
            Map<String, Long> calls = new TreeMap<>(sim.world().calls().byAction(AzureTarget.FRONT));
            log.info("fault rate {} seed {}: {} ARM calls, {} verb calls failed retryably and were repeated; per action {}",
                    FAULT_RATE, SEED, sim.world().calls().total(AzureTarget.FRONT), convergence.retriedFailures(), calls);
            assertThat(convergence.retriedFailures()).isPositive();
            assertThat(sim.world().resources(AzureTarget.FRONT, AzureTarget.SUBSCRIPTION)).isEmpty();
        }
    }
}
