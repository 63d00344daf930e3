package dev.overcast.core.plan;

/**
 * The attribute keys of planned resources: the contract between the planner and the cloud adapters.
 *
 * <p>Values are strings so that plans serialise byte-identically and diff compares them without
 * type juggling. Lists are comma-separated in a documented order. A key ending in {@code Ref} holds
 * the <em>name</em> of another resource of the plan, always also listed in {@link Resource#dependsOn()},
 * and adapters resolve it through {@link dev.overcast.core.cloud.Dependencies}; the one exception is
 * {@link #SHARED_SECRET_REF}, which names an entry of the secret store.
 */
public final class Attributes {
    private Attributes() {
    }

    // network
    /** The network's CIDR block (VPC / VPC network routing range / VNet address space). */
    public static final String CIDR = "cidr";

    // subnet
    /** Reference: the network the subnet belongs to (also used by firewall, vpn-gateway). */
    public static final String NETWORK_REF = "networkRef";
    /** Availability zone of a subnet or instance (AWS, GCP); Azure subnets are regional and omit it. */
    public static final String ZONE = "zone";
    /** Secondary ranges (GCP) or extra prefixes a subnet carries for pods: comma-separated CIDRs. */
    public static final String POD_CIDR = "podCidr";

    // firewall
    /**
     * Ingress rules, comma-separated and sorted, each {@code protocol:ports:sourceCidr}, e.g.
     * {@code tcp:6443:10.0.0.0/8}, {@code udp:500:0.0.0.0/0}, {@code all:*:10.0.0.0/8}.
     */
    public static final String INGRESS = "ingress";

    // public-ip
    /** What a public IP is for: {@code vpn-gateway} or {@code instance}. */
    public static final String PURPOSE = "purpose";

    // vpn-gateway
    /** The gateway's own BGP ASN. */
    public static final String ASN = "asn";
    /** Reference(s): the public IP(s) a gateway uses where the cloud needs them allocated first (Azure). */
    public static final String PUBLIC_IP_REFS = "publicIpRefs";
    /** Reference: the subnet a gateway must live in (Azure's GatewaySubnet). */
    public static final String SUBNET_REF = "subnetRef";
    /**
     * The gateway's own BGP addresses inside its tunnels' link-local ranges, comma-separated and sorted as text:
     * the {@link #LOCAL_INSIDE_IP} of every tunnel through it, on clouds whose gateway must hold them
     * before a tunnel may use one (Azure's custom APIPA BGP addresses). Planned with the gateway so it is
     * created with all of them, and no tunnel has to update a gateway that takes minutes per update.
     */
    public static final String CUSTOM_BGP_ADDRESSES = "customBgpAddresses";

    // peer-gateway
    /** The cloud on the far side of a peer gateway or tunnel. */
    public static final String PEER_CLOUD = "peerCloud";
    /**
     * Reference(s): the resource(s) whose outputs give the far side's public addresses, comma-separated;
     * the peer gateway's interface {@code k} is output {@code k} of {@link #PEER_ADDRESS_OUTPUT} read from
     * resource {@code k} of this list (a name may repeat). GCP towards AWS lists four: AWS VPN connection
     * 0 twice, then connection 1 twice; every other peer gateway one.
     */
    public static final String PEER_ADDRESS_REF = "peerAddressRef";
    /**
     * Which output of each {@link #PEER_ADDRESS_REF} holds the address, comma-separated in the same order
     * and number, e.g. {@code publicIp,secondaryPublicIp,publicIp,secondaryPublicIp}.
     */
    public static final String PEER_ADDRESS_OUTPUT = "peerAddressOutput";
    /** The far side's BGP ASN. */
    public static final String PEER_ASN = "peerAsn";

    // vpn-tunnel
    /** Reference: this side's VPN gateway. */
    public static final String GATEWAY_REF = "gatewayRef";
    /** Reference: this side's peer gateway (the far side as seen from here). */
    public static final String PEER_GATEWAY_REF = "peerGatewayRef";
    /** The tunnel's inside /30 (link-local; inside Azure's 169.254.21.0–169.254.22.255 when Azure is a side). */
    public static final String INSIDE_CIDR = "insideCidr";
    /** This side's BGP address inside {@link #INSIDE_CIDR}. */
    public static final String LOCAL_INSIDE_IP = "localInsideIp";
    /** The far side's BGP address inside {@link #INSIDE_CIDR}. */
    public static final String PEER_INSIDE_IP = "peerInsideIp";
    /**
     * The inside /30 of the resource's second BGP tunnel (an AWS connection's tunnel 2, GCP's second
     * tunnel), when the plan gives it one; absent, AWS picks tunnel 2's range itself.
     */
    public static final String SECONDARY_INSIDE_CIDR = "secondaryInsideCidr";
    /** This side's BGP address inside {@link #SECONDARY_INSIDE_CIDR}. */
    public static final String SECONDARY_LOCAL_INSIDE_IP = "secondaryLocalInsideIp";
    /** The far side's BGP address inside {@link #SECONDARY_INSIDE_CIDR}. */
    public static final String SECONDARY_PEER_INSIDE_IP = "secondaryPeerInsideIp";
    /**
     * GCP towards AWS: the HA VPN gateway interface both of the resource's tunnels leave from, which is
     * also the index of the AWS VPN connection they meet. Absent, tunnel {@code t} leaves from interface
     * {@code t}.
     */
    public static final String GATEWAY_INTERFACE = "gatewayInterface";
    /**
     * GCP towards AWS: the external gateway interface each of the resource's two tunnels goes to,
     * comma-separated in tunnel order ({@code 2i,2i+1} for AWS VPN connection {@code i}: its tunnel 1 and
     * tunnel 2). Absent, both go to interface 0 (a far side with one address).
     */
    public static final String PEER_INTERFACES = "peerInterfaces";
    /** Name of the pre-shared key in the secret store, never the key itself. */
    public static final String SHARED_SECRET_REF = "sharedSecretRef";
    /** CIDRs reachable through the tunnel: the far cloud's network, comma-separated. */
    public static final String REMOTE_CIDRS = "remoteCidrs";

    // instance
    /** {@code master} or {@code worker}. */
    public static final String ROLE = "role";
    /** The cloud's own machine type, e.g. {@code m6i.large}, {@code n2-standard-2}, {@code Standard_D2s_v5}. */
    public static final String INSTANCE_TYPE = "instanceType";
    /** Operating-system image: the cloud's image id or family. */
    public static final String IMAGE = "image";
    /** Boot disk size in GiB. */
    public static final String DISK_GB = "diskGb";
    /** cloud-init user-data, plain text (adapters encode it as their cloud wants). */
    public static final String USER_DATA = "userData";
    /**
     * The private address an instance must have, planned so that it is known before the instance
     * exists: master 0's, the Kubernetes control-plane endpoint every other node's user-data names.
     * Adapters pass it at creation (EC2 {@code PrivateIpAddress}, a GCP network interface's
     * {@code networkIP}, an Azure NIC's static private IP); it is absent on every other instance.
     */
    public static final String STATIC_PRIVATE_IP = "staticPrivateIp";
    /** Reference: the firewall an instance sits behind. */
    public static final String FIREWALL_REF = "firewallRef";
}
