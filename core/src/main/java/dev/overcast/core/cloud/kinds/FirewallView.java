package dev.overcast.core.cloud.kinds;

import static dev.overcast.core.cloud.PlannedAttributes.invalid;

import dev.overcast.core.address.AddressBlocks;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import inet.ipaddr.AddressStringException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A firewall's planned {@code ingress} rules, each {@code protocol:ports:sourceCidr} (see
 * {@link Attributes#INGRESS}), as typed rules. Each cloud's client translates them into its API's shape;
 * {@link #attribute} spells rules read back from a cloud the way the planner does, so an untouched
 * firewall shows no drift.
 */
public final class FirewallView {

    private static final Pattern RULE = Pattern.compile(
            "(tcp|udp|icmp|all):(\\*|(\\d{1,5})(-(\\d{1,5}))?):([^:]+)");
    private static final int MAX_PORT = 65535;
    private static final int MAX_ICMP_TYPE = 255;
    private static final String FORM = "each rule must be protocol:ports:sourceCidr with protocol tcp|udp|icmp|all and ports"
            + " * or n or a-b (0..65535, low-high in order; * for all; one type 0..255 for icmp) and an IPv4 CIDR source,"
            + " e.g. tcp:6443:10.0.0.0/8";

    private FirewallView() {
    }

    /** The protocols the planner writes; every cloud has a word for each. */
    public enum Protocol {
        TCP, UDP, ICMP, ALL;

        /** The plan's word for it: {@code tcp}, {@code udp}, {@code icmp}, {@code all}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The protocol a cloud names (any case); empty for one the planner never writes. */
        public static Optional<Protocol> of(String word) {
            for (Protocol protocol : values()) {
                if (protocol.word().equalsIgnoreCase(word)) {
                    return Optional.of(protocol);
                }
            }
            return Optional.empty();
        }
    }

    /** Destination ports {@code from..to}; for ICMP the one message type; {@link #EVERY} for all of them. */
    public record Ports(int from, int to) {
        public static final Ports EVERY = new Ports(0, MAX_PORT);

        public static Ports one(int port) {
            return new Ports(port, port);
        }

        public boolean every() {
            return equals(EVERY);
        }

        /** The plan's spelling: {@code *}, {@code n} or {@code a-b}. */
        @Override
        public String toString() {
            if (every()) {
                return "*";
            }
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    /** One ingress rule: traffic of {@code protocol} to {@code ports} from {@code sourceCidr} is allowed. */
    public record IngressRule(Protocol protocol, Ports ports, String sourceCidr) implements Comparable<IngressRule> {

        /** The plan's spelling, {@code protocol:ports:sourceCidr}. */
        @Override
        public String toString() {
            return protocol.word() + ":" + ports + ":" + sourceCidr;
        }

        /** In the order of their spelling, the planner's order. */
        @Override
        public int compareTo(IngressRule other) {
            return toString().compareTo(other.toString());
        }
    }

    /**
     * The planned rules, sorted and without repeats; empty when the attribute is absent or blank.
     *
     * @throws dev.overcast.core.cloud.exceptions.TerminalCloudException naming the first malformed rule
     */
    public static List<IngressRule> ingress(Resource desired) {
        if (desired.kind() != ResourceKind.FIREWALL) {
            throw new IllegalArgumentException(desired.name() + " is a " + desired.kind() + ", not a firewall");
        }
        return PlannedList.of(desired, Attributes.INGRESS).stream()
                .map(entry -> rule(entry).orElseThrow(() -> invalid(desired, Attributes.INGRESS, "rule '" + entry + "' breaks the form: " + FORM)))
                .sorted().distinct().toList();
    }

    /** The rules an observed firewall reported, as its client spelled them with {@link #attribute}; empty when none. */
    public static List<IngressRule> ingress(Observation observed) {
        String value = observed.attribute(Attributes.INGRESS);
        return value == null || value.isBlank() ? List.of() : PlannedList.entries(value).stream()
                .map(entry -> rule(entry).orElseThrow(() -> new IllegalStateException(
                        "firewall " + observed.name() + " was observed with ingress rule '" + entry + "', which its client cannot have spelled")))
                .sorted().distinct().toList();
    }

    /** The {@code ingress} value of {@code rules}: their spellings, sorted, without repeats, comma-separated. */
    public static String attribute(Collection<IngressRule> rules) {
        return String.join(",", rules.stream().sorted().distinct().map(IngressRule::toString).toList());
    }

    private static Optional<IngressRule> rule(String entry) {
        Matcher m = RULE.matcher(entry);
        if (!m.matches()) {
            return Optional.empty();
        }
        Protocol protocol = Protocol.of(m.group(1)).orElseThrow();
        String source = m.group(6);
        try {
            AddressBlocks.parse(source);
        } catch (AddressStringException e) {
            return Optional.empty();
        }
        if (m.group(2).equals("*")) {
            return Optional.of(new IngressRule(protocol, Ports.EVERY, source));
        }
        boolean isRange = m.group(4) != null;
        Ports ports = new Ports(Integer.parseInt(m.group(3)), Integer.parseInt(isRange ? m.group(5) : m.group(3)));
        boolean fits = switch (protocol) {
            case TCP, UDP -> ports.from() <= ports.to() && ports.to() <= MAX_PORT;
            case ICMP -> !isRange && ports.from() <= MAX_ICMP_TYPE;
            case ALL -> false;
        };
        return fits ? Optional.of(new IngressRule(protocol, ports, source)) : Optional.empty();
    }
}
