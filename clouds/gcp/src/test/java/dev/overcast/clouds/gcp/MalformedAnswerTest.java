package dev.overcast.clouds.gcp;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.MalformedAnswerContract;

/** Compute answers cut in half or lost, through cloudsim's answer faults. */
class MalformedAnswerTest extends MalformedAnswerContract {

    @Override
    protected Struck open() {
        CloudSim sim = CloudSim.start(CloudSimConfig.defaults());
        return new Struck(new GcpTarget(sim, 1), (action, code) -> sim.world().faults().failNext(GcpTarget.FRONT, action, 1, code),
                "networks.list", "networks.insert");
    }
}
