package dev.overcast.clouds.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountedCallsTest {

    @ParameterizedTest
    @CsvSource({
        "google.cloud.compute.v1.Instances/Insert, instances.insert",
        "google.cloud.compute.v1.Instances/AggregatedList, instances.aggregatedList",
        "google.cloud.compute.v1.GlobalOperations/Wait, globalOperations.wait",
        "google.cloud.compute.v1.VpnTunnels/Delete, vpnTunnels.delete",
    })
    void action_shouldBeTheRestMethodName(String fullMethodName, String action) {
        assertThat(CountedCalls.action(fullMethodName)).isEqualTo(action);
    }
}
