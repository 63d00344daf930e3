package dev.overcast.cloudsim.world;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long each operation takes on the virtual clock, per (front, operation). Operations are named
 * {@code <resource type>.<phase>}, e.g. {@code vpn-connection.create}; an unknown one takes no time.
 * Defaults follow public figures: VPCs and subnets in seconds, VPN connections in minutes.
 */
public final class Durations {

    private final Map<String, Duration> byKey;

    private Durations(Map<String, Duration> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    public static Durations none() {
        return new Durations(Map.of());
    }

    public static Durations defaults() {
        Map<String, Duration> d = new HashMap<>();
        put(d, "aws", "vpc.create", Duration.ofSeconds(2));
        put(d, "aws", "subnet.create", Duration.ofSeconds(2));
        // AWS CLI reference examples (awscli/examples/ec2/create-vpn-gateway.rst, create-customer-gateway.rst,
        // shipped with the CLI): CreateVpnGateway and CreateCustomerGateway answer "State": "available" at once;
        // only CreateVpnConnection answers "pending".
        put(d, "aws", "vpn-gateway.create", Duration.ZERO);
        put(d, "aws", "vpn-gateway.attach", Duration.ofMinutes(1));
        put(d, "aws", "vpn-gateway.detach", Duration.ofMinutes(1));
        put(d, "aws", "vpn-gateway.delete", Duration.ofMinutes(2));
        put(d, "aws", "customer-gateway.create", Duration.ZERO);
        put(d, "aws", "customer-gateway.delete", Duration.ofMinutes(1));
        put(d, "aws", "vpn-connection.create", Duration.ofMinutes(8));
        put(d, "aws", "vpn-connection.tunnels", Duration.ofMinutes(2).plusSeconds(30));
        put(d, "aws", "vpn-connection.delete", Duration.ofMinutes(2));
        put(d, "aws", "instance.create", Duration.ofSeconds(60));
        put(d, "aws", "instance.delete", Duration.ofSeconds(45));
        put(d, "aws", "instance.stop", Duration.ofSeconds(30));
        put(d, "aws", "instance.start", Duration.ofSeconds(30));
        put(d, "aws", "retired.visible", Duration.ofHours(1));
        put(d, "gcp", "network.create", Duration.ofSeconds(10));
        put(d, "gcp", "network.delete", Duration.ofSeconds(10));
        put(d, "gcp", "subnetwork.create", Duration.ofSeconds(8));
        put(d, "gcp", "subnetwork.delete", Duration.ofSeconds(8));
        put(d, "gcp", "firewall.create", Duration.ofSeconds(5));
        put(d, "gcp", "firewall.delete", Duration.ofSeconds(5));
        put(d, "gcp", "address.create", Duration.ofSeconds(3));
        put(d, "gcp", "router.create", Duration.ofSeconds(5));
        put(d, "gcp", "vpn-gateway.create", Duration.ofMinutes(2));
        put(d, "gcp", "vpn-gateway.delete", Duration.ofMinutes(1));
        put(d, "gcp", "external-vpn-gateway.create", Duration.ofSeconds(5));
        put(d, "gcp", "vpn-tunnel.create", Duration.ofMinutes(3));
        put(d, "gcp", "vpn-tunnel.delete", Duration.ofMinutes(1));
        put(d, "gcp", "instance.create", Duration.ofSeconds(50));
        put(d, "gcp", "instance.delete", Duration.ofSeconds(40));
        // Azure: a VPN gateway takes 30-45 minutes (here its middle), a connection minutes, a VM about one.
        put(d, "azure", "virtualnetworks.create", Duration.ofSeconds(5));
        put(d, "azure", "publicipaddresses.create", Duration.ofSeconds(5));
        put(d, "azure", "virtualnetworkgateways.create", Duration.ofMinutes(38));
        put(d, "azure", "virtualnetworkgateways.update", Duration.ofMinutes(10));
        put(d, "azure", "virtualnetworkgateways.delete", Duration.ofMinutes(15));
        put(d, "azure", "localnetworkgateways.create", Duration.ofSeconds(30));
        put(d, "azure", "connections.create", Duration.ofMinutes(3));
        put(d, "azure", "connections.delete", Duration.ofMinutes(1));
        put(d, "azure", "virtualmachines.create", Duration.ofSeconds(70));
        put(d, "azure", "virtualmachines.delete", Duration.ofSeconds(45));
        put(d, "azure", "resourcegroups.delete", Duration.ofMinutes(2));
        // kubeadm init to a Ready control plane (images pulled, CNI up); a join once the API answers.
        put(d, "kubernetes", "node.init", Duration.ofMinutes(3));
        put(d, "kubernetes", "node.join", Duration.ofSeconds(90));
        return new Durations(d);
    }

    private static void put(Map<String, Duration> d, String front, String operation, Duration duration) {
        d.put(key(front, operation), duration);
    }

    public Durations with(String front, String operation, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration of " + front + "/" + operation + " must not be negative");
        }
        Map<String, Duration> next = new HashMap<>(byKey);
        put(next, front, operation, duration);
        return new Durations(next);
    }

    public Duration of(String front, String operation) {
        return byKey.getOrDefault(key(front, operation), Duration.ZERO);
    }

    /** Every configured duration as {@code front/operation → duration}, for display and control. */
    public Map<String, Duration> asMap() {
        return byKey;
    }

    private static String key(String front, String operation) {
        return front + "/" + operation;
    }
}
