package dev.overcast.clouds.aws;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.MalformedAnswerContract;

/** EC2 answers cut in half or lost, through cloudsim's answer faults. */
class MalformedAnswerTest extends MalformedAnswerContract {

    @Override
    protected Struck open() {
        CloudSim sim = CloudSim.start(CloudSimConfig.defaults());
        return new Struck(CloudSimWorld.target(sim, 1), (action, code) -> sim.world().faults().failNext(CloudSimWorld.FRONT, action, 1, code),
                "DescribeVpcs", "CreateVpc");
    }
}
