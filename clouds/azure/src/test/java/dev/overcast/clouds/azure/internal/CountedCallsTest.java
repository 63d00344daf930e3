package dev.overcast.clouds.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountedCallsTest {

    @ParameterizedTest
    @CsvSource({
        "PUT, /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vn, PUT virtualNetworks",
        "PUT, /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vn/subnets/a, PUT subnets",
        "GET, /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vn/subnets, LIST subnets",
        "GET, /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm, GET virtualMachines",
        "GET, /subscriptions/s1/providers/Microsoft.Network/locations/eastus/operations/op-1, GET operations",
        "PUT, /subscriptions/s1/resourcegroups/rg, PUT resourcegroups",
        "GET, /subscriptions/s1, GET subscriptions",
    })
    void action_shouldBeTheVerbAndTheLastResourceType(String method, String path, String action) {
        assertThat(CountedCalls.action(method, path)).isEqualTo(action);
    }
}
