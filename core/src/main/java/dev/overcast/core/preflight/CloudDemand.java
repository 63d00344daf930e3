package dev.overcast.core.preflight;

import dev.overcast.core.Cloud;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What a plan asks of one cloud, region by region. */
public record CloudDemand(Cloud cloud, List<RegionDemand> regions) {

    public CloudDemand {
        regions = List.copyOf(regions);
    }

    /** The demand of every cloud the plan uses, in the clouds' order. */
    public static Map<Cloud, CloudDemand> of(Plan plan) {
        return of(plan.resources());
    }

    /**
     * The demand of resources still to be created, whichever plans they come from (a new cluster's, and
     * what running flows in the same accounts have yet to create), in the clouds' order.
     */
    public static Map<Cloud, CloudDemand> of(java.util.Collection<Resource> toCreate) {
        Map<Cloud, Map<String, List<Resource>>> byCloud = new EnumMap<>(Cloud.class);
        for (Resource resource : toCreate) {
            byCloud.computeIfAbsent(resource.cloud(), c -> new TreeMap<>())
                    .computeIfAbsent(resource.region(), r -> new ArrayList<>()).add(resource);
        }
        Map<Cloud, CloudDemand> demands = new EnumMap<>(Cloud.class);
        byCloud.forEach((cloud, regions) -> {
            List<RegionDemand> perRegion = new ArrayList<>();
            regions.forEach((region, resources) -> perRegion.add(regionDemand(region, resources)));
            demands.put(cloud, new CloudDemand(cloud, perRegion));
        });
        return demands;
    }

    private static RegionDemand regionDemand(String region, List<Resource> resources) {
        Map<String, Integer> types = new TreeMap<>();
        Set<String> zones = new TreeSet<>();
        for (Resource r : resources) {
            if (r.kind() == ResourceKind.INSTANCE) {
                types.merge(r.attribute(Attributes.INSTANCE_TYPE), 1, Integer::sum);
                if (r.attribute(Attributes.ZONE) != null) {
                    zones.add(r.attribute(Attributes.ZONE));
                }
            }
        }
        Map<ResourceKind, Long> counts = resources.stream().collect(Collectors.groupingBy(Resource::kind, Collectors.counting()));
        return new RegionDemand(region, count(counts, ResourceKind.NETWORK), count(counts, ResourceKind.PUBLIC_IP),
                count(counts, ResourceKind.VPN_GATEWAY), count(counts, ResourceKind.VPN_TUNNEL), types, zones);
    }

    private static int count(Map<ResourceKind, Long> counts, ResourceKind kind) {
        return counts.getOrDefault(kind, 0L).intValue();
    }
}
