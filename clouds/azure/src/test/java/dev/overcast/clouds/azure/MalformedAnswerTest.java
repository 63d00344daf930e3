package dev.overcast.clouds.azure;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.MalformedAnswerContract;

/** ARM answers cut in half or lost, through cloudsim's answer faults. */
class MalformedAnswerTest extends MalformedAnswerContract {

    @Override
    protected Struck open() {
        CloudSim sim = CloudSim.start(CloudSimConfig.defaults());
        return new Struck(new AzureTarget(sim, 0), (action, code) -> sim.world().faults().failNext(AzureTarget.FRONT, action, 1, code),
                "LIST virtualNetworks", "PUT virtualNetworks");
    }
}
