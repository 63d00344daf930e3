package dev.overcast.clouds.aws.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

class IngressRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"tcp:6443:10.0.0.0/8", "udp:500:0.0.0.0/0", "tcp:30000-32767:10.0.0.0/8", "all:*:10.0.0.0/8",
            "tcp:*:10.1.0.0/16", "icmp:*:0.0.0.0/0", "icmp:8:10.0.0.0/8"})
    void rule_shouldReadBackAsWritten_whenItTravelsThroughEc2(String rule) {
        IpPermission permission = IngressRule.parse(rule).toPermission();

        assertThat(IngressRule.of(permission)).extracting(IngressRule::toString).containsExactly(rule);
    }

    @Test
    void of_shouldNameEveryPortStar_whenEc2SaysAllProtocols() {
        IpPermission all = IpPermission.builder().ipProtocol("-1").ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").build()).build();

        assertThat(IngressRule.of(all)).extracting(IngressRule::toString).containsExactly("all:*:10.0.0.0/8");
    }

    @Test
    void join_shouldSortRules_whateverTheOrderGiven() {
        List<IngressRule> rules = IngressRule.parseAll("udp:500:0.0.0.0/0, tcp:6443:10.0.0.0/8");

        assertThat(IngressRule.join(rules)).isEqualTo("tcp:6443:10.0.0.0/8,udp:500:0.0.0.0/0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "tcp:6443;must be protocol:ports:cidr",
            "sctp:1:10.0.0.0/8;must be protocol:ports:cidr",
            "tcp:9-3:10.0.0.0/8;low-high in order",
            "tcp:70000:10.0.0.0/8;need 0..65535",
            "all:80:10.0.0.0/8;* for protocol all",
            "icmp:3-4:10.0.0.0/8;one ICMP type"})
    void parse_shouldNameTheRule_whenItIsMalformed(String rule, String reason) {
        assertThatThrownBy(() -> IngressRule.parse(rule))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + rule + "'")
                .hasMessageContaining(reason);
    }
}
