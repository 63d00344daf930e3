package dev.overcast.core.network;

import dev.overcast.core.Cloud;
import java.util.List;

/**
 * The BGP links of one cloud pair: link-local /30s whose first host is the first cloud's end and
 * second host the second's (AWS, when a side, must hold the first: it takes that address itself).
 * One /30 per tunnel that runs BGP: AWS–GCP has four (AWS VPN connection {@code c}'s tunnel 1 and 2
 * are ranges {@code 2c} and {@code 2c+1}), GCP–Azure two (GCP's two tunnels), AWS–Azure one.
 *
 * @param first  the pair's first cloud in {@link Cloud} order
 * @param second the second
 * @param ranges the /30s, in the order above
 */
public record TunnelLink(Cloud first, Cloud second, List<InsideRange> ranges) {

    public TunnelLink {
        ranges = List.copyOf(ranges);
    }

    /**
     * One tunnel's inside /30 and its two BGP addresses.
     *
     * @param cidr     the /30
     * @param firstIp  the first cloud's BGP address
     * @param secondIp the second cloud's BGP address
     */
    public record InsideRange(String cidr, String firstIp, String secondIp) {
    }

    public InsideRange range(int index) {
        return ranges.get(index);
    }

    /** This cloud's own BGP address in range {@code index}. */
    public String insideIp(Cloud side, int index) {
        return side == first ? ranges.get(index).firstIp() : ranges.get(index).secondIp();
    }

    /** The other end's BGP address in range {@code index}, as seen from {@code side}. */
    public String peerInsideIp(Cloud side, int index) {
        return side == first ? ranges.get(index).secondIp() : ranges.get(index).firstIp();
    }
}
