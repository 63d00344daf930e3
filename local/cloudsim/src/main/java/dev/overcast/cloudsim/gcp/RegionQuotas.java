package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.Quotas;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.core.Cloud;
import dev.overcast.core.spec.InstanceCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A region's {@code quotas} as {@code regions.get} reports them ({@code metric}, {@code limit}, {@code usage}):
 * limits from the world's {@link Quotas}, usage counted from what the project holds in the region, vCPUs in
 * total ({@code CPUS}) and per machine family ({@code N2_CPUS}, …) from the instances' machine types.
 */
final class RegionQuotas {

    private static final InstanceCatalog CATALOG = InstanceCatalog.standard();

    private RegionQuotas() {
    }

    static List<Map<String, Object>> of(ComputeCall call, String region) {
        List<Map<String, Object>> quotas = new ArrayList<>();
        quotas.add(quota("STATIC_ADDRESSES", limit(call, "address"), call.world().live(ComputeCall.FRONT, call.project(), region, "address").size()));
        quotas.add(quota("VPN_GATEWAYS", limit(call, "vpn-gateway"), call.world().live(ComputeCall.FRONT, call.project(), region, "vpn-gateway").size()));
        quotas.add(quota("VPN_TUNNELS", limit(call, "vpn-tunnel"), call.world().live(ComputeCall.FRONT, call.project(), region, "vpn-tunnel").size()));
        Map<String, Integer> cpus = new LinkedHashMap<>();
        new TreeSet<>(CATALOG.types(Cloud.GCP).stream().map(t -> InstanceCatalog.vcpuFamily(Cloud.GCP, t)).toList()).forEach(f -> cpus.put(f, 0));
        int total = 0;
        for (String zone : ComputeRegions.zones(region)) {
            for (SimResource instance : call.world().live(ComputeCall.FRONT, call.project(), zone, "instance")) {
                String type = String.valueOf(instance.attributes().get("machineType"));
                type = type.substring(type.lastIndexOf('/') + 1);
                int vcpus = CATALOG.vcpus(Cloud.GCP, type).orElse(0);
                total += vcpus;
                cpus.merge(InstanceCatalog.vcpuFamily(Cloud.GCP, type), vcpus, Integer::sum);
            }
        }
        int cpuLimit = limit(call, "cpus");
        quotas.add(quota("CPUS", cpuLimit, total));
        cpus.forEach((metric, used) -> quotas.add(quota(metric, cpuLimit, used)));
        return quotas;
    }


    private static int limit(ComputeCall call, String type) {
        return call.world().quotas().of(ComputeCall.FRONT, type).map(Quotas.Quota::limit).orElse(Integer.MAX_VALUE);
    }

    private static Map<String, Object> quota(String metric, int limit, int usage) {
        return Map.of("metric", metric, "limit", (double) limit, "usage", (double) usage);
    }
}
