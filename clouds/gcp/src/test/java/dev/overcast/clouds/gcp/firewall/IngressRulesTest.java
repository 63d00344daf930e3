package dev.overcast.clouds.gcp.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.Firewall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngressRulesTest {

    @Test
    void bySource_shouldGroupEntriesIntoOneRulePerSource_andReadBackTheSameIngress() {
        String ingress = "all:*:10.0.0.0/8,tcp:10250:10.0.0.0/8,tcp:6443:0.0.0.0/0,udp:4500:0.0.0.0/0,udp:500:0.0.0.0/0";

        Map<String, List<Allowed>> rules = IngressRules.bySource(ingress).orElseThrow();

        assertThat(rules).containsOnlyKeys("0.0.0.0/0", "10.0.0.0/8");
        assertThat(rules.get("0.0.0.0/0")).containsExactly(
                Allowed.newBuilder().setIPProtocol("tcp").addPorts("6443").build(),
                Allowed.newBuilder().setIPProtocol("udp").addPorts("4500").addPorts("500").build());
        assertThat(rules.get("10.0.0.0/8").get(0).getPortsList()).isEmpty();
        List<Firewall> asCompute = rules.entrySet().stream()
                .map(e -> Firewall.newBuilder().addSourceRanges(e.getKey()).addAllAllowed(e.getValue()).build()).toList();
        assertThat(IngressRules.of(asCompute)).isEqualTo(ingress);
    }

    @Test
    void bySource_shouldRefuse_whenAnEntryIsMalformed() {
        assertThat(IngressRules.bySource("tcp:6443")).isEmpty();
        assertThat(IngressRules.bySource("gre:*:10.0.0.0/8")).isEmpty();
        assertThat(IngressRules.bySource("tcp:6443:10.0.0.0/8,")).isEmpty();
    }
}
