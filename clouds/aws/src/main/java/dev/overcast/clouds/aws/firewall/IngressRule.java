package dev.overcast.clouds.aws.firewall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

/**
 * One ingress rule in the plan's spelling, {@code protocol:ports:sourceCidr}: protocol {@code tcp},
 * {@code udp}, {@code icmp} or {@code all}; ports {@code *}, {@code n} or {@code a-b}. Translated both
 * ways so a security group read back compares equal to the plan when nothing drifted.
 */
public record IngressRule(String protocol, int fromPort, int toPort, String cidr) implements Comparable<IngressRule> {

    private static final Pattern RULE = Pattern.compile("(tcp|udp|icmp|all):(\\*|\\d{1,5}|\\d{1,5}-\\d{1,5}):([0-9.]+/\\d{1,2})");
    private static final String ALL = "all";
    private static final String ICMP = "icmp";
    private static final int MAX_ICMP_TYPE = 255;
    private static final String EC2_ALL = "-1";
    private static final int ANY = -1;
    private static final int MAX_PORT = 65535;

    /** The comma-separated list of the {@code ingress} attribute; an empty list for blank. */
    public static List<IngressRule> parseAll(String ingress) {
        if (ingress == null || ingress.isBlank()) {
            return List.of();
        }
        return Arrays.stream(ingress.split(",")).map(String::trim).map(IngressRule::parse).sorted().toList();
    }

    /** @throws IllegalArgumentException naming the rule and the expected form */
    public static IngressRule parse(String rule) {
        Matcher m = RULE.matcher(rule);
        if (!m.matches()) {
            throw new IllegalArgumentException("ingress rule '" + rule + "' must be protocol:ports:cidr with protocol tcp|udp|icmp|all"
                    + " and ports * or n or a-b, e.g. tcp:6443:10.0.0.0/8");
        }
        String protocol = m.group(1);
        String ports = m.group(2);
        if (ports.equals("*")) {
            boolean portless = protocol.equals(ALL) || protocol.equals(ICMP);
            return new IngressRule(protocol, portless ? ANY : 0, portless ? ANY : MAX_PORT, m.group(3));
        }
        String[] range = ports.split("-");
        int from = Integer.parseInt(range[0]);
        int to = Integer.parseInt(range[range.length - 1]);
        if (from > to || to > MAX_PORT || protocol.equals(ALL) || (protocol.equals(ICMP) && (range.length > 1 || from > MAX_ICMP_TYPE))) {
            throw new IllegalArgumentException("ingress rule '" + rule + "' has ports '" + ports
                    + "': need 0..65535, low-high in order, * for protocol all, one ICMP type 0..255 for icmp");
        }
        // EC2 reads an ICMP rule's ports as type and code: one type, any code.
        return protocol.equals(ICMP) ? new IngressRule(ICMP, from, ANY, m.group(3)) : new IngressRule(protocol, from, to, m.group(3));
    }

    /** The rules of one EC2 permission (one per IPv4 range); IPv6 and group sources are not Overcast's. */
    public static List<IngressRule> of(IpPermission permission) {
        String protocol = EC2_ALL.equals(permission.ipProtocol()) ? ALL : permission.ipProtocol();
        int from = Optional.ofNullable(permission.fromPort()).orElse(ANY);
        int to = Optional.ofNullable(permission.toPort()).orElse(ANY);
        List<IngressRule> rules = new ArrayList<>();
        for (IpRange range : permission.ipRanges()) {
            rules.add(protocol.equals(ALL) ? new IngressRule(ALL, ANY, ANY, range.cidrIp()) : new IngressRule(protocol, from, to, range.cidrIp()));
        }
        return rules;
    }

    public IpPermission toPermission() {
        IpPermission.Builder permission = IpPermission.builder()
                .ipProtocol(protocol.equals(ALL) ? EC2_ALL : protocol)
                .ipRanges(IpRange.builder().cidrIp(cidr).build());
        if (!protocol.equals(ALL)) {
            permission.fromPort(fromPort).toPort(toPort);
        }
        return permission.build();
    }

    /** The canonical spelling: {@code *} for every port, {@code n} for one, {@code a-b} for a range. */
    @Override
    public String toString() {
        return protocol + ":" + ports() + ":" + cidr;
    }

    private String ports() {
        if (protocol.equals(ICMP)) {
            return fromPort == ANY ? "*" : Integer.toString(fromPort);
        }
        boolean every = (fromPort == ANY && toPort == ANY) || (fromPort == 0 && toPort == MAX_PORT);
        if (every) {
            return "*";
        }
        return fromPort == toPort ? Integer.toString(fromPort) : fromPort + "-" + toPort;
    }

    @Override
    public int compareTo(IngressRule other) {
        return toString().compareTo(other.toString());
    }

    /** The attribute value: canonical rules, sorted, comma-separated. */
    public static String join(List<IngressRule> rules) {
        return String.join(",", rules.stream().sorted().map(IngressRule::toString).toList());
    }
}
