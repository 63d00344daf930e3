package dev.overcast.clouds.gcp;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.core.cloud.contract.EmulatedCloud;
import dev.overcast.core.cloud.contract.ObserveCostContract;
import java.util.Map;

/** Observe is one aggregated list: its cost, counted at cloudsim's Compute front, is flat in the number of instances. */
class ObserveCallCountTest extends ObserveCostContract {

    ObserveCallCountTest() {
        // A /24 holds only 252 instances.
        super("10.20.16.0/20", Map.of("instances.aggregatedList", 1L));
    }

    @Override
    protected EmulatedCloud openUnthrottled() {
        // No request quota nor instance quota: this test measures observe, not how fast 300 inserts may go.
        return GcpTarget.emulated(CloudSim.start(CloudSimConfig.defaults().withThrottling(false).withQuotas(Quotas.none())),
                GcpConfig.DEFAULT_MAX_ATTEMPTS);
    }
}
