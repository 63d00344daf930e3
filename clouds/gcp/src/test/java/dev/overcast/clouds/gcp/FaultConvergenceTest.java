package dev.overcast.clouds.gcp;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.EmulatedCloud;
import dev.overcast.core.cloud.contract.FaultConvergenceContract;

/** One in five Compute calls fails (rateLimitExceeded, backendError or internalError, seeded), the client's own retries off. */
class FaultConvergenceTest extends FaultConvergenceContract {

    @Override
    protected EmulatedCloud openWithoutSdkRetries() {
        return GcpTarget.emulated(CloudSim.start(CloudSimConfig.defaults()), 1);
    }
}
