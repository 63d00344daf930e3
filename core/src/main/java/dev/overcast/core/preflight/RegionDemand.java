package dev.overcast.core.preflight;

import java.util.Map;
import java.util.Set;

/**
 * What a plan asks of one cloud in one region: counts of the resources quotas limit, and the machine types
 * it runs with their instance counts and the zones they go to (empty where the cloud has no zones in the plan).
 */
public record RegionDemand(String region, int networks, int publicIps, int vpnGateways, int vpnTunnels,
        Map<String, Integer> instanceTypes, Set<String> zones) {

    public RegionDemand {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
        instanceTypes = Map.copyOf(instanceTypes);
        zones = Set.copyOf(zones);
    }
}
