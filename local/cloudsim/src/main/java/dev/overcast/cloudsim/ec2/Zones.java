package dev.overcast.cloudsim.ec2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DescribeAvailabilityZones and DescribeRegions from the front's region catalog. */
final class Zones {

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("DescribeAvailabilityZones", this::zones);
        actions.put("DescribeRegions", this::regions);
    }

    private void zones(Ec2Call call, Xml out) {
        List<String[]> zones = new ArrayList<>();
        for (String letter : Regions.ZONE_LETTERS) {
            String zone = call.region() + letter;
            zones.add(new String[] {zone, Regions.zoneId(zone), call.region(), "available"});
        }
        List<String> names = call.list("ZoneName");
        List<String> ids = call.list("ZoneId");
        zones.removeIf(z -> !names.isEmpty() && !names.contains(z[0]) || !ids.isEmpty() && !ids.contains(z[1]));
        out.items("availabilityZoneInfo", Filters.rows(call, zones, List.of("zone-name", "zone-id", "region-name", "state")),
                (x, z) -> x.el("optInStatus", "opt-in-not-required").start("messageSet").end()
                        .el("regionName", z[2]).el("zoneName", z[0]).el("zoneId", z[1]).el("groupName", z[2])
                        .el("networkBorderGroup", z[2]).el("zoneType", "availability-zone").el("zoneState", z[3]));
    }

    private void regions(Ec2Call call, Xml out) {
        List<String> names = call.list("RegionName");
        out.items("regionInfo", Regions.ALL.stream().filter(r -> names.isEmpty() || names.contains(r)).toList(),
                (x, region) -> x.el("regionName", region).el("regionEndpoint", "ec2." + region + ".amazonaws.com")
                        .el("optInStatus", "opt-in-not-required"));
    }
}
