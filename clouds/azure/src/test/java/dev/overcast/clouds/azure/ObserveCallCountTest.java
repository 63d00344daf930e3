package dev.overcast.clouds.azure;

import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.core.cloud.contract.EmulatedCloud;
import dev.overcast.core.cloud.contract.ObserveCostContract;
import java.util.Map;

/** Observe is one list per ARM type in the resource group: its cost, counted at cloudsim's Azure front, is flat in the number of VMs. */
class ObserveCallCountTest extends ObserveCostContract {

    ObserveCallCountTest() {
        // A /24 holds 251 NICs on Azure (five addresses reserved); 300 VMs need a /22.
        super("10.20.4.0/22", Map.of("LIST virtualMachines", 1L, "LIST networkInterfaces", 1L));
    }

    @Override
    protected EmulatedCloud openUnthrottled() {
        // Throttling off: this test measures observe, not how fast 600 PUTs may go.
        return AzureTarget.emulated(CloudSim.start(CloudSimConfig.defaults().withThrottling(false)), AzureConfig.DEFAULT_MAX_RETRIES);
    }
}
