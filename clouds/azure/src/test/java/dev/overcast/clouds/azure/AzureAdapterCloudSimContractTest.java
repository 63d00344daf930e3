package dev.overcast.clouds.azure;

import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.CloudAdapterContract;
import dev.overcast.core.cloud.contract.ContractTarget;

/** The SPI contract against cloudsim's Azure front: published durations, ARM throttling and eventual consistency. */
class AzureAdapterCloudSimContractTest extends CloudAdapterContract {

    @Override
    protected ContractTarget openTarget() {
        return AzureTarget.on(CloudSimConfig.defaults());
    }
}
