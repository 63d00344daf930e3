package dev.overcast.clouds.gcp.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.Firewall;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.kinds.FirewallView;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FirewallRulesTest {

    @Test
    void allowedBySource_shouldGroupRulesIntoOneComputeRulePerSource_andReadBackTheSameIngress() {
        String ingress = "all:*:10.0.0.0/8,tcp:10250:10.0.0.0/8,tcp:6443:0.0.0.0/0,udp:4500:0.0.0.0/0,udp:500:0.0.0.0/0";
        Resource firewall = new Resource("demo-firewall-gcp", ResourceKind.FIREWALL, Cloud.GCP, "r",
                new TreeMap<>(Map.of(Attributes.INGRESS, ingress)), new TreeSet<>());

        Map<String, List<Allowed>> rules = FirewallClient.allowedBySource(FirewallView.ingress(firewall));

        assertThat(rules).containsOnlyKeys("0.0.0.0/0", "10.0.0.0/8");
        assertThat(rules.get("0.0.0.0/0")).containsExactly(
                Allowed.newBuilder().setIPProtocol("tcp").addPorts("6443").build(),
                Allowed.newBuilder().setIPProtocol("udp").addPorts("4500").addPorts("500").build());
        assertThat(rules.get("10.0.0.0/8").get(0)).isEqualTo(Allowed.newBuilder().setIPProtocol("all").build());
        List<Firewall> asCompute = rules.entrySet().stream()
                .map(e -> Firewall.newBuilder().addSourceRanges(e.getKey()).addAllAllowed(e.getValue()).build()).toList();
        assertThat(FirewallClient.ingress(asCompute)).isEqualTo(ingress);
    }
}
