package dev.overcast.clouds.azure.firewall;

import static dev.overcast.core.cloud.PlannedAttributes.drift;

import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.clouds.azure.internal.ArmResourceClient;
import dev.overcast.clouds.azure.internal.AzureErrors;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.kinds.FirewallView;
import dev.overcast.core.cloud.kinds.FirewallView.IngressRule;
import dev.overcast.core.cloud.kinds.FirewallView.Protocol;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The firewall: a network security group whose inbound allow rules are the plan's ingress rules. It is
 * associated with each instance's NIC (by the instance kind) rather than with the subnet: the subnet
 * and the firewall are then independent resources, and neither has to be updated after creation.
 * Drift (a rule removed by hand) is repaired by writing the whole rule set again. NSG port ranges are
 * spelled as the plan spells them ({@code *}, {@code n}, {@code a-b}), so only the protocol word changes.
 */
public final class SecurityGroupClient extends ArmResourceClient<NetworkSecurityGroupInner> {

    static final String TYPE = "Microsoft.Network/networkSecurityGroups";
    /** NSG priorities run 100..4096; Overcast's rules take consecutive ones from the bottom. */
    private static final int FIRST_PRIORITY = 100;

    public SecurityGroupClient(ArmClients arm) {
        super(ResourceKind.FIREWALL, arm);
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        return observeEach(region, list("ListNetworkSecurityGroups", () -> arm.network().getNetworkSecurityGroups().listByResourceGroup(group)),
                NetworkSecurityGroupInner::provisioningState, nsg -> attributes(Attributes.INGRESS, ingress(nsg.securityRules())));
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        put(group, clusterId, desired);
        return started(clusterId, desired, ArmIds.of(arm.subscriptionId(), group, TYPE, desired.name()),
                attributes(Attributes.INGRESS, desired.attribute(Attributes.INGRESS)));
    }

    /** Ingress is the one attribute that changes in place: the whole rule set is written again. */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        if (drift(desired, observed).isEmpty()) {
            return observed;
        }
        AzureErrors.call("UpdateNetworkSecurityGroup", () -> {
            put(ArmIds.group(observed.cloudId()), clusterId, desired);
            return null;
        });
        return new Observation(observed.name(), observed.kind(), observed.cloud(), observed.region(), observed.cloudId(),
                observed.state(), new TreeMap<>(attributes(Attributes.INGRESS, desired.attribute(Attributes.INGRESS))), observed.tags());
    }

    @Override
    protected void remove(String group, Observation observed) {
        arm.network().getNetworkSecurityGroups().beginDelete(group, ArmIds.name(observed.cloudId()));
    }

    private void put(String group, String clusterId, Resource desired) {
        NetworkSecurityGroupInner nsg = new NetworkSecurityGroupInner().withSecurityRules(securityRules(FirewallView.ingress(desired)));
        nsg.withLocation(desired.region()).withTags(tags(clusterId, desired));
        arm.network().getNetworkSecurityGroups().beginCreateOrUpdate(group, desired.name(), nsg);
    }

    /** One inbound allow rule per ingress rule, in the plan's order. */
    static List<SecurityRuleInner> securityRules(List<IngressRule> rules) {
        List<SecurityRuleInner> inner = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            IngressRule rule = rules.get(i);
            inner.add(new SecurityRuleInner()
                    .withName("overcast-" + (i + 1))
                    .withPriority(FIRST_PRIORITY + i)
                    .withDirection(SecurityRuleDirection.INBOUND)
                    .withAccess(SecurityRuleAccess.ALLOW)
                    .withProtocol(protocol(rule.protocol()))
                    .withSourcePortRange("*")
                    .withDestinationPortRange(rule.ports().toString())
                    .withSourceAddressPrefix(rule.sourceCidr())
                    .withDestinationAddressPrefix("*"));
        }
        return inner;
    }

    /** The ingress attribute an NSG's inbound allow rules amount to, sorted like the plan's. */
    static String ingress(List<SecurityRuleInner> rules) {
        if (rules == null) {
            return "";
        }
        return String.join(",", rules.stream()
                .filter(r -> r.direction() == SecurityRuleDirection.INBOUND && r.access() == SecurityRuleAccess.ALLOW)
                .map(r -> word(r.protocol()) + ":" + r.destinationPortRange() + ":" + r.sourceAddressPrefix())
                .sorted()
                .toList());
    }

    private static SecurityRuleProtocol protocol(Protocol protocol) {
        return switch (protocol) {
            case TCP -> SecurityRuleProtocol.TCP;
            case UDP -> SecurityRuleProtocol.UDP;
            case ICMP -> SecurityRuleProtocol.ICMP;
            case ALL -> SecurityRuleProtocol.ASTERISK;
        };
    }

    private static String word(SecurityRuleProtocol protocol) {
        return SecurityRuleProtocol.ASTERISK.equals(protocol) ? Protocol.ALL.word() : String.valueOf(protocol).toLowerCase(Locale.ROOT);
    }
}
