package dev.overcast.core.cloud;

import dev.overcast.core.Cloud;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PlannedAttributesTest {

    private static final Resource SUBNET = new Resource("c1-subnet-a", ResourceKind.SUBNET, Cloud.GCP, "europe-west1",
            new TreeMap<>(Map.of("cidr", "10.0.1.0/24", "zone", "europe-west1-b")), new TreeSet<>());

    @Test
    void drift_shouldCompareOnlyTheKeysBothSidesCarry() {
        Observation observed = new Observation("c1-subnet-a", ResourceKind.SUBNET, Cloud.GCP, "europe-west1", "c1-subnet-a",
                ResourceState.READY, new TreeMap<>(Map.of("cidr", "10.0.2.0/24", "podCidr", "10.8.0.0/14")), Map.of());

        assertThat(PlannedAttributes.drift(SUBNET, observed)).containsExactly(Map.entry("cidr", "10.0.2.0/24"));
        assertThat(PlannedAttributes.notUpdatable(SUBNET, PlannedAttributes.drift(SUBNET, observed)))
                .hasMessageContaining("cidr is '10.0.2.0/24', wanted '10.0.1.0/24'").extracting(TerminalCloudException::code)
                .isEqualTo("NotUpdatableInPlace");
    }

    @Test
    void required_shouldFailTerminally_namingTheResourceAndTheAttribute() {
        assertThat(PlannedAttributes.required(SUBNET, "cidr")).isEqualTo("10.0.1.0/24");
        assertThatThrownBy(() -> PlannedAttributes.required(SUBNET, "networkRef"))
                .isInstanceOf(TerminalCloudException.class)
                .hasMessageContaining("subnet c1-subnet-a needs attribute 'networkRef'");
    }

    @Test
    void number_shouldFailTerminally_whenTheValueIsNotAWholeNumberWithinTheRange() {
        Resource gateway = new Resource("c1-vpn-gateway-main", ResourceKind.VPN_GATEWAY, Cloud.AWS, "eu-west-1",
                new TreeMap<>(Map.of("asn", " 64512 ", "diskGb", "0", "peerAsn", "x")), new TreeSet<>());

        assertThat(PlannedAttributes.number(gateway, "asn", 1, 65534)).isEqualTo(64512);
        assertThatThrownBy(() -> PlannedAttributes.number(gateway, "diskGb", 1, 16384))
                .isInstanceOf(TerminalCloudException.class)
                .hasMessageContaining("attribute 'diskGb' is '0' but must be a whole number within 1..16384");
        assertThatThrownBy(() -> PlannedAttributes.number(gateway, "peerAsn", 1, 65534))
                .extracting(e -> ((TerminalCloudException) e).code()).isEqualTo("InvalidAttribute");
    }
}
