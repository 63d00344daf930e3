package dev.overcast.core.plan;

import dev.overcast.core.Cloud;

/**
 * The deterministic names of a cluster's resources, {@code <cluster>-<kind>-<suffix>}. Suffixes are
 * kept to at most 23 characters so that with a cluster name of at most 40 every name fits GCP's
 * 63-character limit (and its label values): zones are named by their letter within the region,
 * a tunnel pair by its two clouds without "to", a worker by its cloud and number.
 */
public final class ResourceNames {
    private ResourceNames() {
    }

    public static String network(String cluster, Cloud cloud) {
        return name(cluster, ResourceKind.NETWORK, cloud.id());
    }

    /** An AWS or GCP node subnet, by its zone's letter ({@code us-east-1a} → {@code a}). */
    public static String zoneSubnet(String cluster, Cloud cloud, String region, String zone) {
        String letter = zone.startsWith(region) ? zone.substring(region.length()).replaceFirst("^-", "") : zone;
        return name(cluster, ResourceKind.SUBNET, cloud.id() + "-" + letter);
    }

    /** Azure's regional node subnet. */
    public static String nodeSubnet(String cluster, Cloud cloud) {
        return name(cluster, ResourceKind.SUBNET, cloud.id() + "-nodes");
    }

    /** Azure's {@code GatewaySubnet}. */
    public static String gatewaySubnet(String cluster, Cloud cloud) {
        return name(cluster, ResourceKind.SUBNET, cloud.id() + "-gateway");
    }

    public static String firewall(String cluster, Cloud cloud) {
        return name(cluster, ResourceKind.FIREWALL, cloud.id());
    }

    public static String gatewayPublicIp(String cluster, Cloud cloud) {
        return name(cluster, ResourceKind.PUBLIC_IP, cloud.id() + "-vpn");
    }

    public static String vpnGateway(String cluster, Cloud cloud) {
        return name(cluster, ResourceKind.VPN_GATEWAY, cloud.id());
    }

    /** The peer gateway living on {@code on}, standing for {@code towards}. */
    public static String peerGateway(String cluster, Cloud on, Cloud towards) {
        return name(cluster, ResourceKind.PEER_GATEWAY, on.id() + "-" + towards.id());
    }

    /**
     * The peer gateway living on {@code on} for the far side's {@code index}-th address set (AWS towards
     * GCP has two customer gateways, one per GCP HA VPN interface); index 0 is {@link #peerGateway(String, Cloud, Cloud)}.
     */
    public static String peerGateway(String cluster, Cloud on, Cloud towards, int index) {
        return indexed(peerGateway(cluster, on, towards), index);
    }

    /** The tunnel living on {@code on}, leading to {@code towards}. */
    public static String vpnTunnel(String cluster, Cloud on, Cloud towards) {
        return name(cluster, ResourceKind.VPN_TUNNEL, on.id() + "-" + towards.id());
    }

    /**
     * The {@code index}-th tunnel resource on {@code on} towards {@code towards} (AWS–GCP has two on each
     * side, one per AWS VPN connection); index 0 is {@link #vpnTunnel(String, Cloud, Cloud)}, so a pair's
     * first names do not change.
     */
    public static String vpnTunnel(String cluster, Cloud on, Cloud towards, int index) {
        return indexed(vpnTunnel(cluster, on, towards), index);
    }

    private static String indexed(String name, int index) {
        return index == 0 ? name : name + "-" + index;
    }

    public static String master(String cluster, int index) {
        return name(cluster, ResourceKind.INSTANCE, "master-" + index);
    }

    public static String worker(String cluster, Cloud cloud, int index) {
        return name(cluster, ResourceKind.INSTANCE, cloud.id() + "-" + index);
    }

    /** The secret-store name of a cloud pair's pre-shared key (both sides share it). */
    public static String sharedSecret(String cluster, Cloud first, Cloud second) {
        return cluster + "-psk-" + first.id() + "-" + second.id();
    }

    private static String name(String cluster, ResourceKind kind, String suffix) {
        return cluster + "-" + kind.id() + "-" + suffix;
    }
}
