package dev.overcast.clouds.aws;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.core.cloud.contract.EmulatedCloud;
import dev.overcast.core.cloud.contract.ObserveCostContract;
import java.util.Map;

/** Observe is one batched describe: its cost, counted at cloudsim's EC2 front, is flat in the number of instances. */
class ObserveCallCountTest extends ObserveCostContract {

    ObserveCallCountTest() {
        super("10.20.16.0/20", Map.of("DescribeInstances", 1L));
    }

    @Override
    protected EmulatedCloud openUnthrottled() {
        // Throttling off, room for 300 instances: this test measures observe, not launch limits.
        return CloudSimWorld.emulated(CloudSim.start(CloudSimConfig.defaults().withThrottling(false)
                .withQuotas(Quotas.defaults().with(CloudSimWorld.FRONT, "instance", 300, "InstanceLimitExceeded"))),
                AwsConfig.DEFAULT_MAX_ATTEMPTS);
    }
}
