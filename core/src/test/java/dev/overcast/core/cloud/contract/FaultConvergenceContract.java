package dev.overcast.core.cloud.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in five calls fails (throttling or 5xx, seeded): creating then deleting every kind still converges
 * by calling verbs again after the clock moves, and the account ends as empty as it began. With the SDK's
 * own retries off every fault reaches the verbs, so some verb calls must have been repeated.
 */
public abstract class FaultConvergenceContract {

    private static final Logger log = LoggerFactory.getLogger(FaultConvergenceContract.class);
    private static final double FAULT_RATE = 0.20;
    private static final long SEED = 2026L;

    /** The cloud on a fresh emulator, its SDK client making one attempt per call. */
    protected abstract EmulatedCloud openWithoutSdkRetries();

    @Test
    void createThenDeleteOfEveryKind_shouldConvergeAndLeakNothing_whenOneCallInFiveFails() {
        try (EmulatedCloud cloud = openWithoutSdkRetries()) {
            assertThat(convergeUnderFaults(cloud, "SDK retries off")).isPositive();
        }
    }

    /**
     * Creates then deletes the contract chain while one call in five fails, checks nothing is left in
     * the account, and returns how many verb calls failed retryably and were repeated.
     */
    protected final int convergeUnderFaults(EmulatedCloud cloud, String sdkRetries) {
        ContractTarget target = cloud.target();
        ContractChain chain = new ContractChain(target, "faulty");
        Convergence convergence = new Convergence(target, chain, 200);
        cloud.failRandomly().accept(FAULT_RATE, SEED);

        convergence.ensureAll(chain.resources());
        convergence.removeAll(chain.resources());

        cloud.stopFailing().run();
        Map<String, Long> calls = new TreeMap<>(cloud.callsByAction().get());
        log.info("{}, fault rate {} seed {}, {}: {} API calls, {} verb calls failed retryably and were repeated; per action {}",
                target.adapter().cloud().id(), FAULT_RATE, SEED, sdkRetries, target.apiCalls(), convergence.retriedFailures(), calls);
        assertThat(cloud.resources().get()).isEmpty();
        return convergence.retriedFailures();
    }
}
