package dev.overcast.clouds.azure.firewall;

import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The plan's ingress rules ({@code protocol:ports:sourceCidr}, see {@link dev.overcast.core.plan.Attributes#INGRESS})
 * as NSG security rules and back. NSG port ranges are spelled as the plan spells them ({@code *},
 * {@code n}, {@code a-b}), so only the protocol word changes.
 */
final class SecurityRules {

    private static final Pattern RULE = Pattern.compile("(tcp|udp|icmp|all):(\\*|\\d{1,5}|\\d{1,5}-\\d{1,5}):([0-9.]+/\\d{1,2})");
    /** NSG priorities run 100..4096; Overcast's rules take consecutive ones from the bottom. */
    private static final int FIRST_PRIORITY = 100;

    private SecurityRules() {
    }

    /** @throws IllegalArgumentException naming the rule and the expected form */
    static List<SecurityRuleInner> of(String ingress) {
        List<String> rules = ingress == null || ingress.isBlank() ? List.of()
                : Arrays.stream(ingress.split(",")).map(String::trim).sorted().toList();
        List<SecurityRuleInner> inner = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String[] parts = rules.get(i).split(":");
            if (!RULE.matcher(rules.get(i)).matches()) {
                throw new IllegalArgumentException("ingress rule '" + rules.get(i) + "' must be protocol:ports:cidr with protocol "
                        + "tcp|udp|icmp|all and ports * or n or a-b, e.g. tcp:6443:10.0.0.0/8");
            }
            inner.add(new SecurityRuleInner()
                    .withName("overcast-" + (i + 1))
                    .withPriority(FIRST_PRIORITY + i)
                    .withDirection(SecurityRuleDirection.INBOUND)
                    .withAccess(SecurityRuleAccess.ALLOW)
                    .withProtocol(protocol(parts[0]))
                    .withSourcePortRange("*")
                    .withDestinationPortRange(parts[1])
                    .withSourceAddressPrefix(parts[2])
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

    private static SecurityRuleProtocol protocol(String word) {
        return switch (word) {
            case "tcp" -> SecurityRuleProtocol.TCP;
            case "udp" -> SecurityRuleProtocol.UDP;
            case "icmp" -> SecurityRuleProtocol.ICMP;
            default -> SecurityRuleProtocol.ASTERISK;
        };
    }

    private static String word(SecurityRuleProtocol protocol) {
        return SecurityRuleProtocol.ASTERISK.equals(protocol) ? "all" : String.valueOf(protocol).toLowerCase(Locale.ROOT);
    }
}
