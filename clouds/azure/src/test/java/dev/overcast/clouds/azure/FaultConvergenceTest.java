package dev.overcast.clouds.azure;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.EmulatedCloud;
import dev.overcast.core.cloud.contract.FaultConvergenceContract;

/** One in five ARM calls fails (429 or 5xx, seeded), the SDK's own retries off. */
class FaultConvergenceTest extends FaultConvergenceContract {

    @Override
    protected EmulatedCloud openWithoutSdkRetries() {
        return AzureTarget.emulated(CloudSim.start(CloudSimConfig.defaults()), 0);
    }
}
