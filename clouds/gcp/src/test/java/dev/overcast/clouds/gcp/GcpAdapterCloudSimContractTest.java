package dev.overcast.clouds.gcp;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.CloudAdapterContract;
import dev.overcast.core.cloud.contract.ContractTarget;

/** The SPI contract against cloudsim's Compute front: published durations, request quotas and eventual consistency. */
class GcpAdapterCloudSimContractTest extends CloudAdapterContract {

    @Override
    protected ContractTarget openTarget() {
        return new GcpTarget(CloudSim.start(CloudSimConfig.defaults()), GcpConfig.DEFAULT_MAX_ATTEMPTS);
    }
}
