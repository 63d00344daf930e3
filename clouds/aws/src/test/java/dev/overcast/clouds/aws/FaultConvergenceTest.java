package dev.overcast.clouds.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.ContractChain;
import dev.overcast.core.cloud.contract.Convergence;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in five EC2 calls fails (throttling or 5xx, seeded): creating then deleting every kind still
 * converges by calling verbs again after the clock moves, and the account ends as empty as it began.
 * Run once with the SDK's retries off, so every fault reaches the verbs, and once as configured in
 * production, where the SDK's adaptive retries absorb most of them.
 */
class FaultConvergenceTest {

    private static final Logger log = LoggerFactory.getLogger(FaultConvergenceTest.class);
    private static final double FAULT_RATE = 0.20;
    private static final long SEED = 2026L;

    @ParameterizedTest(name = "SDK max attempts {0}")
    @ValueSource(ints = {1, AwsConfig.DEFAULT_MAX_ATTEMPTS})
    void createThenDeleteOfEveryKind_shouldConvergeAndLeakNothing_whenOneCallInFiveFails(int sdkMaxAttempts) {
        CloudSim sim = CloudSim.start(CloudSimConfig.defaults());
        try (AwsTarget target = CloudSimWorld.target(sim, sdkMaxAttempts)) {
            ContractChain chain = new ContractChain(target, "faulty");
            Convergence convergence = new Convergence(target, chain, 200);
            sim.world().faults().randomFaults(FAULT_RATE, SEED);

            convergence.ensureAll(chain.resources());
            convergence.removeAll(chain.resources());

            sim.world().faults().clear();
            Map<String, Long> calls = new TreeMap<>(sim.world().calls().byAction(CloudSimWorld.FRONT));
            log.info("fault rate {} seed {}, SDK max attempts {}: {} EC2 calls, {} verb calls failed retryably and were repeated;"
                    + " per action {}", FAULT_RATE, SEED, sdkMaxAttempts, sim.world().calls().total(CloudSimWorld.FRONT),
                    convergence.retriedFailures(), calls);
            assertThat(sim.world().resources(CloudSimWorld.FRONT, CloudSimWorld.ACCOUNT)).isEmpty();
        }
    }
}
