package dev.overcast.clouds.gcp.firewall;

import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.Firewall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan's {@code ingress} ({@code protocol:ports:sourceCidr,…}) as Compute firewall rules and back. A
 * Compute rule allows every (protocol, ports) it lists from every source range it lists, so one rule per
 * source range keeps exactly the planned pairs.
 */
final class IngressRules {

    private static final Pattern ENTRY = Pattern.compile("(tcp|udp|icmp|esp|ah|sctp|all|\\d{1,3}):(\\*|\\d{1,5}(?:-\\d{1,5})?):(\\d{1,3}(?:\\.\\d{1,3}){3}/\\d{1,2})");
    private static final String EVERY_PORT = "*";

    private IngressRules() {
    }

    /**
     * Allowed entries per source range, sorted; empty when an entry is malformed (the caller names the rule).
     */
    static Optional<Map<String, List<Allowed>>> bySource(String ingress) {
        Map<String, Map<String, TreeSet<String>>> grouped = new TreeMap<>();
        for (String entry : ingress.split(",", -1)) {
            Matcher m = ENTRY.matcher(entry.trim());
            if (!m.matches()) {
                return Optional.empty();
            }
            TreeSet<String> ports = grouped.computeIfAbsent(m.group(3), s -> new TreeMap<>())
                    .computeIfAbsent(m.group(1), p -> new TreeSet<>());
            ports.add(m.group(2));
        }
        Map<String, List<Allowed>> rules = new TreeMap<>();
        grouped.forEach((source, protocols) -> {
            List<Allowed> allowed = new ArrayList<>();
            protocols.forEach((protocol, ports) -> {
                Allowed.Builder rule = Allowed.newBuilder().setIPProtocol(protocol);
                if (!ports.contains(EVERY_PORT)) {
                    rule.addAllPorts(ports);
                }
                allowed.add(rule.build());
            });
            rules.put(source, allowed);
        });
        return Optional.of(rules);
    }

    /** The normalised {@code ingress} of a set of rules: every (protocol, port, source) they allow, sorted. */
    static String of(List<Firewall> rules) {
        TreeSet<String> entries = new TreeSet<>();
        for (Firewall rule : rules) {
            for (String source : rule.getSourceRangesList()) {
                for (Allowed allowed : rule.getAllowedList()) {
                    if (allowed.getPortsCount() == 0) {
                        entries.add(allowed.getIPProtocol() + ":" + EVERY_PORT + ":" + source);
                    }
                    allowed.getPortsList().forEach(port -> entries.add(allowed.getIPProtocol() + ":" + port + ":" + source));
                }
            }
        }
        return String.join(",", entries);
    }
}
