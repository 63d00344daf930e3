package dev.overcast.clouds.gcp;

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
 * One in five Compute calls fails (rateLimitExceeded, backendError or internalError, seeded), and the
 * client's own retries are off so every fault reaches the verbs: creating then deleting every kind still
 * converges by calling verbs again after the clock moves, and the project ends as empty as it began.
 */
class FaultConvergenceTest {

    private static final Logger log = LoggerFactory.getLogger(FaultConvergenceTest.class);
    private static final double FAULT_RATE = 0.20;
    private static final long SEED = 2026L;

    @Test
    void createThenDeleteOfEveryKind_shouldConvergeAndLeakNothing_whenOneCallInFiveFails() {
        CloudSim sim = CloudSim.start(CloudSimConfig.defaults());
        try (GcpTarget target = new GcpTarget(sim, 1)) {
            ContractChain chain = new ContractChain(target, "faulty");
            Convergence convergence = new Convergence(target, chain, 200);
            sim.world().faults().randomFaults(FAULT_RATE, SEED);

            convergence.ensureAll(chain.resources());
            convergence.removeAll(chain.resources());

            sim.world().faults().clear();
            Map<String, Long> calls = new TreeMap<>(sim.world().calls().byAction(GcpTarget.FRONT));
            log.info("fault rate {} seed {}: {} Compute calls, {} verb calls failed retryably and were repeated; per method {}",
                    FAULT_RATE, SEED, sim.world().calls().total(GcpTarget.FRONT), convergence.retriedFailures(), calls);
            assertThat(convergence.retriedFailures()).isPositive();
            assertThat(sim.world().resources(GcpTarget.FRONT, GcpTarget.PROJECT)).isEmpty();
        }
    }
}
