package dev.overcast.clouds.aws;

import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.CloudAdapterContract;
import dev.overcast.core.cloud.contract.ContractTarget;

/** The SPI contract against cloudsim's EC2 front: published durations, throttling and eventual consistency. */
class AwsAdapterCloudSimContractTest extends CloudAdapterContract {

    @Override
    protected ContractTarget openTarget() {
        return CloudSimWorld.target(CloudSimConfig.defaults());
    }
}
