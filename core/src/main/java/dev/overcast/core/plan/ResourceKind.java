package dev.overcast.core.plan;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of cloud resource a plan is made of. Each cloud maps a kind to its own native resources;
 * the attribute keys each kind carries are listed in {@link Attributes}.
 */
public enum ResourceKind {
    /** AWS VPC (+ internet gateway and route table) / GCP VPC network / Azure resource group + VNet. */
    NETWORK("network"),
    SUBNET("subnet"),
    /** AWS security group / GCP firewall rules / Azure network security group. */
    FIREWALL("firewall"),
    PUBLIC_IP("public-ip"),
    /** AWS virtual private gateway / GCP HA VPN gateway + Cloud Router / Azure virtual network gateway. */
    VPN_GATEWAY("vpn-gateway"),
    /** The other cloud's endpoint as seen from this one: AWS customer gateway / GCP external VPN gateway / Azure local network gateway. */
    PEER_GATEWAY("peer-gateway"),
    /** AWS VPN connection / GCP VPN tunnel + router interface and BGP peer / Azure connection. */
    VPN_TUNNEL("vpn-tunnel"),
    /** A VM with its NIC and boot disk, role master or worker. */
    INSTANCE("instance");

    private final String id;

    ResourceKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ResourceKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
