package dev.overcast.cloudsim.world;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many live resources of a type an account may hold per region, and the error code a create beyond
 * that answers with. Defaults are the clouds' published default quotas.
 */
public final class Quotas {

    /** One quota: the limit and the cloud's error code for exceeding it. */
    public record Quota(int limit, String errorCode) {}

    private final Map<String, Quota> byKey;

    private Quotas(Map<String, Quota> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    public static Quotas none() {
        return new Quotas(Map.of());
    }

    public static Quotas defaults() {
        return none()
                .with("aws", "vpc", 5, "VpcLimitExceeded")
                .with("aws", "elastic-ip", 5, "AddressLimitExceeded")
                .with("aws", "internet-gateway", 5, "InternetGatewayLimitExceeded")
                .with("aws", "vpn-gateway", 5, "VpnGatewayLimitExceeded")
                .with("aws", "customer-gateway", 50, "CustomerGatewayLimitExceeded")
                .with("aws", "vpn-connection", 50, "VpnConnectionLimitExceeded")
                .with("aws", "instance", 64, "InstanceLimitExceeded")
                // vCPU quotas are read by a preflight (Service Quotas, Compute regions, ARM usages); no create counts
                // against them here, since no world resource has these types.
                .with("aws", "vcpu-standard", 256, "VcpuLimitExceeded")
                .with("gcp", "cpus", 24, "quotaExceeded")
                .with("azure", "cores", 100, "OperationNotAllowed")
                .with("azure", "virtualnetworks", 1000, "VirtualNetworkLimitReached")
                .with("azure", "publicipaddresses", 1000, "PublicIPCountLimitReached")
                .with("azure", "virtualnetworkgateways", 30, "VirtualNetworkGatewayLimitReached")
                .with("azure", "virtualmachines", 25000, "OperationNotAllowed")
                // Compute: networks and firewalls per project (kept under "global"), the rest per region, instances per zone.
                .with("gcp", "network", 15, "quotaExceeded")
                .with("gcp", "firewall", 200, "quotaExceeded")
                .with("gcp", "address", 8, "quotaExceeded")
                .with("gcp", "router", 10, "quotaExceeded")
                .with("gcp", "vpn-gateway", 5, "quotaExceeded")
                .with("gcp", "vpn-tunnel", 20, "quotaExceeded")
                .with("gcp", "instance", 24, "quotaExceeded");
    }

    public Quotas with(String front, String type, int limit, String errorCode) {
        if (limit < 0) {
            throw new IllegalArgumentException("quota of " + front + "/" + type + " must not be negative, was " + limit);
        }
        Map<String, Quota> next = new HashMap<>(byKey);
        next.put(front + "/" + type, new Quota(limit, errorCode));
        return new Quotas(next);
    }

    public Optional<Quota> of(String front, String type) {
        return Optional.ofNullable(byKey.get(front + "/" + type));
    }
}
