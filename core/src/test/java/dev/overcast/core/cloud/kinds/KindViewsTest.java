package dev.overcast.core.cloud.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import dev.overcast.core.cloud.kinds.FirewallView.IngressRule;
import dev.overcast.core.cloud.kinds.FirewallView.Ports;
import dev.overcast.core.cloud.kinds.FirewallView.Protocol;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "tcp:6443:0.0.0.0/0;    TCP;  6443;  6443;  0.0.0.0/0;  tcp:6443:0.0.0.0/0",
            "udp:500-4500:10.0.0.0/8; UDP; 500;  4500;  10.0.0.0/8; udp:500-4500:10.0.0.0/8",
            "tcp:*:10.1.0.0/16;     TCP;  0;     65535; 10.1.0.0/16; tcp:*:10.1.0.0/16",
            "tcp:0-65535:10.1.0.0/16; TCP; 0;    65535; 10.1.0.0/16; tcp:*:10.1.0.0/16",
            "all:*:10.0.0.0/8;      ALL;  0;     65535; 10.0.0.0/8; all:*:10.0.0.0/8",
            "icmp:8:10.0.0.0/8;     ICMP; 8;     8;     10.0.0.0/8; icmp:8:10.0.0.0/8",
            "' icmp:*:0.0.0.0/0 ';  ICMP; 0;     65535; 0.0.0.0/0;  icmp:*:0.0.0.0/0"})
    void firewall_shouldReadEachRule_andSpellItAsThePlannerDoes(String ingress, Protocol protocol, int from, int to, String source,
            String spelling) {
        List<IngressRule> rules = FirewallView.ingress(resource(ResourceKind.FIREWALL, Cloud.AWS, Attributes.INGRESS, ingress));

        assertThat(rules).containsExactly(new IngressRule(protocol, new Ports(from, to), source));
        assertThat(FirewallView.attribute(rules)).isEqualTo(spelling);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "tcp:6443",
            "sctp:1:10.0.0.0/8",
            "tcp:6443:10.0.0.0",
            "tcp:6443:10.0.0.300/8",
            "tcp:6443:10.0.0.0/33",
            "tcp:9-3:10.0.0.0/8",
            "tcp:70000:10.0.0.0/8",
            "all:80:10.0.0.0/8",
            "icmp:3-4:10.0.0.0/8",
            "icmp:300:10.0.0.0/8",
            "'tcp:6443:10.0.0.0/8,'"})
    void firewall_shouldRefuseAMalformedRule_namingItAndTheForm(String ingress) {
        Resource firewall = resource(ResourceKind.FIREWALL, Cloud.GCP, Attributes.INGRESS, ingress);

        assertThatThrownBy(() -> FirewallView.ingress(firewall)).isInstanceOf(TerminalCloudException.class)
                .hasMessageContaining("'ingress'").hasMessageContaining("protocol:ports:sourceCidr");
    }

    @Test
    void firewall_shouldSortAndDropRepeats_soThatTheAttributeMatchesThePlanners() {
        Resource firewall = resource(ResourceKind.FIREWALL, Cloud.AZURE, Attributes.INGRESS,
                "udp:500:0.0.0.0/0, tcp:6443:0.0.0.0/0,all:*:10.0.0.0/8,udp:500:0.0.0.0/0");

        List<IngressRule> rules = FirewallView.ingress(firewall);

        assertThat(rules).extracting(IngressRule::protocol).containsExactly(Protocol.ALL, Protocol.TCP, Protocol.UDP);
        assertThat(FirewallView.attribute(rules)).isEqualTo("all:*:10.0.0.0/8,tcp:6443:0.0.0.0/0,udp:500:0.0.0.0/0");
        assertThat(FirewallView.ingress(resource(ResourceKind.FIREWALL, Cloud.AWS))).isEmpty();
        assertThat(FirewallView.ingress(new Observation("fw", ResourceKind.FIREWALL, Cloud.AWS, "r", "sg-1", ResourceState.READY,
                new TreeMap<>(Map.of(Attributes.INGRESS, FirewallView.attribute(rules))), Map.of()))).isEqualTo(rules);
        assertThat(Protocol.of("Tcp")).contains(Protocol.TCP);
        assertThat(Protocol.of("esp")).isEmpty();
    }
}
