package dev.overcast.core.plan;

/** Keys of the values a cloud assigns when it creates a resource, reported in observations. */
public final class Outputs {
    private Outputs() {
    }

    /** A public address: a public IP's address, a GCP HA VPN gateway's first interface, an AWS tunnel's outside IP. */
    public static final String PUBLIC_IP = "publicIp";
    /** A second public address where the cloud gives two (GCP interface 1, AWS tunnel 2). */
    public static final String SECONDARY_PUBLIC_IP = "secondaryPublicIp";
    /** An instance's private address on the flat network. */
    public static final String PRIVATE_IP = "privateIp";
    /** Tunnel status as the cloud reports it: {@code UP} or {@code DOWN}. */
    public static final String TUNNEL_STATUS = "tunnelStatus";
}
