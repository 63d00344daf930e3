package dev.overcast.core.network;

import dev.overcast.core.Cloud;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every address range of a cluster, none overlapping another: per-cloud networks, subnets and pod
 * ranges, the service range, and the tunnel /30s with BGP addresses of every cloud pair.
 *
 * @param clouds      each cloud's part, in {@link Cloud} order
 * @param podCidr     the cluster's pod range
 * @param serviceCidr the cluster's service range
 * @param tunnels     one link per cloud pair, in {@link Cloud} order
 */
public record NetworkPlan(Map<Cloud, CloudNetwork> clouds, String podCidr, String serviceCidr, List<TunnelLink> tunnels) {

    public NetworkPlan {
        clouds = Collections.unmodifiableMap(new EnumMap<>(clouds));
        tunnels = List.copyOf(tunnels);
    }

    public CloudNetwork cloud(Cloud cloud) {
        return clouds.get(cloud);
    }

    public Optional<TunnelLink> tunnel(Cloud a, Cloud b) {
        return tunnels.stream().filter(t -> (t.first() == a && t.second() == b) || (t.first() == b && t.second() == a)).findFirst();
    }
}
