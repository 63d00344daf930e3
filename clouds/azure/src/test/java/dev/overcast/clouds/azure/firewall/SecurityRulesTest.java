package dev.overcast.clouds.azure.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.kinds.FirewallView;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SecurityRulesTest {

    private static final String INGRESS = "all:*:10.0.0.0/8,icmp:8:10.0.0.0/8,tcp:30000-32767:10.0.0.0/8,tcp:6443:0.0.0.0/0";

    private static List<SecurityRuleInner> planned() {
        Resource firewall = new Resource("demo-firewall-azure", ResourceKind.FIREWALL, Cloud.AZURE, "r",
                new TreeMap<>(Map.of(Attributes.INGRESS, INGRESS)), new TreeSet<>());
        return SecurityGroupClient.securityRules(FirewallView.ingress(firewall));
    }

    @Test
    void securityRules_shouldGiveOneInboundAllowPerRule_withConsecutivePriorities_andReadBackTheSameIngress() {
        List<SecurityRuleInner> rules = planned();

        assertThat(rules).extracting(SecurityRuleInner::priority).containsExactly(100, 101, 102, 103);
        assertThat(rules).extracting(SecurityRuleInner::protocol).containsExactly(SecurityRuleProtocol.ASTERISK,
                SecurityRuleProtocol.ICMP, SecurityRuleProtocol.TCP, SecurityRuleProtocol.TCP);
        assertThat(rules).extracting(SecurityRuleInner::destinationPortRange).containsExactly("*", "8", "30000-32767", "6443");
        assertThat(SecurityGroupClient.ingress(rules)).isEqualTo(INGRESS);
    }

    @Test
    void ingress_shouldLeaveOutDenyRules_whichOvercastNeverWrites() {
        List<SecurityRuleInner> rules = new ArrayList<>(planned());
        rules.add(new SecurityRuleInner().withName("by-hand").withPriority(200).withDirection(rules.get(0).direction())
                .withAccess(SecurityRuleAccess.DENY).withProtocol(SecurityRuleProtocol.TCP)
                .withDestinationPortRange("22").withSourceAddressPrefix("0.0.0.0/0"));

        assertThat(SecurityGroupClient.ingress(rules)).isEqualTo(INGRESS);
    }
}
