package dev.overcast.clouds.aws.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.kinds.FirewallView;
import dev.overcast.core.cloud.kinds.FirewallView.IngressRule;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

class SecurityGroupPermissionsTest {

    private static IngressRule planned(String rule) {
        Resource firewall = new Resource("demo-firewall-aws", ResourceKind.FIREWALL, Cloud.AWS, "r",
                new TreeMap<>(Map.of(Attributes.INGRESS, rule)), new TreeSet<>());
        return FirewallView.ingress(firewall).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp:6443:10.0.0.0/8", "udp:500:0.0.0.0/0", "tcp:30000-32767:10.0.0.0/8", "all:*:10.0.0.0/8",
            "tcp:*:10.1.0.0/16", "icmp:*:0.0.0.0/0", "icmp:8:10.0.0.0/8"})
    void rule_shouldReadBackAsWritten_whenItTravelsThroughEc2(String rule) {
        IpPermission permission = SecurityGroupClient.permission(planned(rule));

        assertThat(SecurityGroupClient.rules(List.of(permission))).extracting(IngressRule::toString).containsExactly(rule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "all:*:10.0.0.0/8;  -1;   ;   ",
            "tcp:*:10.0.0.0/8;  tcp;  0;  65535",
            "icmp:*:10.0.0.0/8; icmp; -1; -1",
            "icmp:8:10.0.0.0/8; icmp; 8;  -1"})
    void permission_shouldSpellProtocolAndPortsAsEc2Does(String rule, String protocol, Integer from, Integer to) {
        IpPermission permission = SecurityGroupClient.permission(planned(rule));

        assertThat(permission.ipProtocol()).isEqualTo(protocol);
        assertThat(permission.fromPort()).isEqualTo(from);
        assertThat(permission.toPort()).isEqualTo(to);
        assertThat(permission.ipRanges()).extracting(IpRange::cidrIp).containsExactly("10.0.0.0/8");
    }

    @Test
    void rules_shouldGiveOneRulePerRange_andLeaveProtocolsOvercastNeverPlans() {
        IpPermission all = IpPermission.builder().ipProtocol("-1")
                .ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").build(), IpRange.builder().cidrIp("10.244.0.0/16").build()).build();
        IpPermission esp = IpPermission.builder().ipProtocol("50").ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();

        assertThat(FirewallView.attribute(SecurityGroupClient.rules(List.of(esp, all)))).isEqualTo("all:*:10.0.0.0/8,all:*:10.244.0.0/16");
    }
}
