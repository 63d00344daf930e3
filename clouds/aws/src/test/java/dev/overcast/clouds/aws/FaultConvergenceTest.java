package dev.overcast.clouds.aws;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.EmulatedCloud;
import dev.overcast.core.cloud.contract.FaultConvergenceContract;
import org.junit.jupiter.api.Test;

/**
 * One in five EC2 calls fails (throttling or 5xx, seeded). Run once with the SDK's retries off, so every
 * fault reaches the verbs, and once as configured in production, where the SDK's adaptive retries absorb
 * most of them.
 */
class FaultConvergenceTest extends FaultConvergenceContract {

    @Override
    protected EmulatedCloud openWithoutSdkRetries() {
        return CloudSimWorld.emulated(CloudSim.start(CloudSimConfig.defaults()), 1);
    }

    @Test
    void createThenDeleteOfEveryKind_shouldConvergeAndLeakNothing_whenOneCallInFiveFailsAndTheSdkRetriesAsInProduction() {
        try (EmulatedCloud cloud = CloudSimWorld.emulated(CloudSim.start(CloudSimConfig.defaults()), AwsConfig.DEFAULT_MAX_ATTEMPTS)) {
            convergeUnderFaults(cloud, "SDK max attempts " + AwsConfig.DEFAULT_MAX_ATTEMPTS);
        }
    }
}
