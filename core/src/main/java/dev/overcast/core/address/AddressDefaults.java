package dev.overcast.core.address;

import dev.overcast.core.Cloud;
import java.util.List;
import java.util.Map;

/**
 * The address plan's fixed facts: default ranges, the link-local space tunnels use and the BGP
 * ASNs of each cloud's gateway.
 */
public final class AddressDefaults {
    private AddressDefaults() {
    }

    public static final Map<Cloud, String> VPC_CIDRS = Map.of(
            Cloud.AWS, "10.10.0.0/16",
            Cloud.GCP, "10.20.0.0/16",
            Cloud.AZURE, "10.30.0.0/16");
    /** The cluster's pod range; each cloud gets a quarter of it by its {@link Cloud} position. */
    public static final String POD_CIDR = "10.244.0.0/16";
    /** The cluster's service range (kube-apiserver's {@code --service-cluster-ip-range}); never routed between clouds. */
    public static final String SERVICE_CIDR = "10.96.0.0/12";

    /**
     * Where tunnel inside /30s come from: inside Azure's APIPA range for BGP over VPN
     * (169.254.21.0–169.254.22.255), which AWS (any 169.254.0.0/16 /30 outside its reserved ones)
     * and GCP (169.254.0.0/16) accept too, so one pool serves every cloud pair.
     */
    public static final String TUNNEL_POOL = "169.254.21.0/24";
    /** Azure's APIPA range for BGP peers on VPN gateways, 169.254.21.0–169.254.22.255 (not one CIDR block: it straddles a /23 boundary). */
    public static final List<String> AZURE_APIPA_CIDRS = List.of("169.254.21.0/24", "169.254.22.0/24");
    /** Inside CIDRs AWS refuses for VPN tunnels. */
    public static final List<String> AWS_RESERVED_INSIDE_CIDRS = List.of(
            "169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30",
            "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30");

    /**
     * Gateway ASNs, private 16-bit and distinct. AWS's virtual private gateway and GCP's Cloud Router
     * take any private ASN; Azure's gateway keeps its default 65515, and Azure reserves 65515–65520
     * for itself, so no other gateway may use those.
     */
    public static final Map<Cloud, Integer> GATEWAY_ASNS = Map.of(
            Cloud.AWS, 64512,
            Cloud.GCP, 64513,
            Cloud.AZURE, 65515);
}
