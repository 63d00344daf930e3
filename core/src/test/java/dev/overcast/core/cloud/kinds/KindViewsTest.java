package dev.overcast.core.cloud.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KindViewsTest {

    private static Resource resource(ResourceKind kind, Cloud cloud, String... keysAndValues) {
        TreeMap<String, String> attributes = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            attributes.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Resource("demo-" + kind.id() + "-x", kind, cloud, "r", attributes, new TreeSet<>());
    }

    private static Observation tunnel(String name, String publicIp, String secondary) {
        TreeMap<String, String> attributes = new TreeMap<>();
        attributes.put(Outputs.PUBLIC_IP, publicIp);
        if (secondary != null) {
            attributes.put(Outputs.SECONDARY_PUBLIC_IP, secondary);
        }
        return new Observation(name, ResourceKind.VPN_TUNNEL, Cloud.AWS, "r", name, ResourceState.READY, attributes, Map.of());
    }

    @Test
    void peerGateway_shouldPairEachReferenceWithItsOutput_andResolveThemInInterfaceOrder() {
        Resource peer = resource(ResourceKind.PEER_GATEWAY, Cloud.GCP,
                Attributes.PEER_ADDRESS_REF, "vpn-0,vpn-0,vpn-1,vpn-1",
                Attributes.PEER_ADDRESS_OUTPUT, "publicIp,secondaryPublicIp,publicIp,secondaryPublicIp");
        Dependencies dependencies = new Dependencies(Map.of("vpn-0", tunnel("vpn-0", "1.1.1.1", "1.1.1.2"),
                "vpn-1", tunnel("vpn-1", "2.2.2.1", "2.2.2.2")));

        PeerGatewayView view = PeerGatewayView.of(peer);

        assertThat(view.interfaces()).containsExactly(new PeerGatewayView.PeerAddress("vpn-0", "publicIp"),
                new PeerGatewayView.PeerAddress("vpn-0", "secondaryPublicIp"), new PeerGatewayView.PeerAddress("vpn-1", "publicIp"),
                new PeerGatewayView.PeerAddress("vpn-1", "secondaryPublicIp"));
        assertThat(view.addresses(dependencies)).containsExactly("1.1.1.1", "1.1.1.2", "2.2.2.1", "2.2.2.2");
    }

    @Test
    void peerGateway_shouldRefuseListsOfDifferentLengths_namingTheAttribute() {
        Resource peer = resource(ResourceKind.PEER_GATEWAY, Cloud.GCP,
                Attributes.PEER_ADDRESS_REF, "vpn-0,vpn-1", Attributes.PEER_ADDRESS_OUTPUT, "publicIp");

        assertThatThrownBy(() -> PeerGatewayView.of(peer)).isInstanceOf(TerminalCloudException.class)
                .hasMessageContaining("'peerAddressOutput'").hasMessageContaining("one output per entry of peerAddressRef");
    }

    @Test
    void peerGateway_shouldRefuseAMissingList() {
        Resource peer = resource(ResourceKind.PEER_GATEWAY, Cloud.AWS, Attributes.PEER_ADDRESS_OUTPUT, "publicIp");

        assertThatThrownBy(() -> PeerGatewayView.of(peer)).isInstanceOf(TerminalCloudException.class)
                .hasMessageContaining("needs attribute 'peerAddressRef'");
    }

    @Test
    void onlyAddress_shouldRefuseSeveralInterfaces_andWaitForAnOutputNotKnownYet() {
        Resource two = resource(ResourceKind.PEER_GATEWAY, Cloud.AWS,
                Attributes.PEER_ADDRESS_REF, "vpn-0,vpn-0", Attributes.PEER_ADDRESS_OUTPUT, "publicIp,secondaryPublicIp");
        Resource one = resource(ResourceKind.PEER_GATEWAY, Cloud.AWS,
                Attributes.PEER_ADDRESS_REF, "vpn-0", Attributes.PEER_ADDRESS_OUTPUT, "secondaryPublicIp");
        Dependencies dependencies = new Dependencies(Map.of("vpn-0", tunnel("vpn-0", "1.1.1.1", null)));

        assertThatThrownBy(() -> PeerGatewayView.of(two).onlyAddress(dependencies)).isInstanceOf(TerminalCloudException.class)
                .hasMessageContaining("exactly one address");
        assertThatThrownBy(() -> PeerGatewayView.of(one).onlyAddress(dependencies)).isInstanceOf(DependencyNotReadyException.class);
    }

    @Test
    void tunnel_shouldReadInterfaces_andRefuseAWrongCountOrOneOutOfRange() {
        assertThat(VpnTunnelView.peerInterfaces(resource(ResourceKind.VPN_TUNNEL, Cloud.GCP, Attributes.PEER_INTERFACES, "2, 3"), 2, 3))
                .contains(List.of(2, 3));
        assertThat(VpnTunnelView.peerInterfaces(resource(ResourceKind.VPN_TUNNEL, Cloud.GCP), 2, 3)).isEmpty();
        assertThat(VpnTunnelView.gatewayInterface(resource(ResourceKind.VPN_TUNNEL, Cloud.GCP, Attributes.GATEWAY_INTERFACE, "1"), 1))
                .isEqualTo(Optional.of(1));
        assertThatThrownBy(() -> VpnTunnelView.peerInterfaces(resource(ResourceKind.VPN_TUNNEL, Cloud.GCP, Attributes.PEER_INTERFACES, "2"), 2, 3))
                .hasMessageContaining("it must list 2 interfaces");
        assertThatThrownBy(() -> VpnTunnelView.peerInterfaces(resource(ResourceKind.VPN_TUNNEL, Cloud.GCP, Attributes.PEER_INTERFACES, "0,x"), 2, 3))
                .isInstanceOf(TerminalCloudException.class).hasMessageContaining("from 0 to 3");
        assertThatThrownBy(() -> VpnTunnelView.gatewayInterface(resource(ResourceKind.VPN_TUNNEL, Cloud.GCP, Attributes.GATEWAY_INTERFACE, "2"), 1))
                .hasMessageContaining("'gatewayInterface'");
    }

    @Test
    void gatewayAndSubnet_shouldReadTheirLists() {
        Resource gateway = resource(ResourceKind.VPN_GATEWAY, Cloud.AZURE, Attributes.PUBLIC_IP_REFS, "ip-a,ip-b",
                Attributes.CUSTOM_BGP_ADDRESSES, "169.254.21.9,169.254.21.1,169.254.21.9");

        assertThat(VpnGatewayView.publicIpRefs(gateway)).containsExactly("ip-a", "ip-b");
        assertThat(VpnGatewayView.customBgpAddresses(gateway)).containsExactly("169.254.21.1", "169.254.21.9");
        assertThatThrownBy(() -> VpnGatewayView.publicIpRefs(resource(ResourceKind.VPN_GATEWAY, Cloud.AZURE)))
                .hasMessageContaining("'publicIpRefs'");
        assertThat(SubnetView.podCidrs(resource(ResourceKind.SUBNET, Cloud.GCP, Attributes.POD_CIDR, "10.244.0.0/18, 10.245.0.0/18")))
                .containsExactly("10.244.0.0/18", "10.245.0.0/18");
        assertThat(SubnetView.podCidrs(resource(ResourceKind.SUBNET, Cloud.GCP))).isEmpty();
    }
}
