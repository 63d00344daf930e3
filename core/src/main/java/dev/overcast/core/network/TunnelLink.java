package dev.overcast.core.network;

import dev.overcast.core.cloud.Cloud;

/**
 * The BGP link of one cloud pair: a link-local /30 whose first host is the first cloud's end and
 * second host the second's (AWS, when a side, must hold the first: it takes that address itself).
 *
 * @param first      the pair's first cloud in {@link Cloud} order
 * @param second     the second
 * @param insideCidr the /30
 * @param firstIp    the first cloud's BGP address
 * @param secondIp   the second cloud's BGP address
 */
public record TunnelLink(Cloud first, Cloud second, String insideCidr, String firstIp, String secondIp) {

    /** This cloud's own BGP address on the link. */
    public String insideIp(Cloud side) {
        return side == first ? firstIp : secondIp;
    }

    /** The other end's BGP address, as seen from {@code side}. */
    public String peerInsideIp(Cloud side) {
        return side == first ? secondIp : firstIp;
    }
}
