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
        for (Map<String, String> filter : call.structs("Filter")) {
            int column = switch (String.valueOf(filter.get("Name"))) {
                case "zone-name" -> 0;
                case "zone-id" -> 1;
                case "region-name" -> 2;
                case "state" -> 3;
                default -> throw Ec2Call.invalid("The filter '" + filter.get("Name") + "' is invalid");
            };
            List<String> values = new ArrayList<>();
            for (int i = 1; filter.containsKey("Value." + i); i++) {
                values.add(filter.get("Value." + i));
            }
            zones.removeIf(z -> !values.contains(z[column]));
        }
        out.start("availabilityZoneInfo");
        zones.forEach(z -> out.start("item").el("optInStatus", "opt-in-not-required").start("messageSet").end()
                .el("regionName", z[2]).el("zoneName", z[0]).el("zoneId", z[1]).el("groupName", z[2])
                .el("networkBorderGroup", z[2]).el("zoneType", "availability-zone").el("zoneState", z[3]).end());
        out.end();
    }

    private void regions(Ec2Call call, Xml out) {
        List<String> names = call.list("RegionName");
        out.start("regionInfo");
        Regions.ALL.stream().filter(r -> names.isEmpty() || names.contains(r)).forEach(region -> out.start("item")
                .el("regionName", region).el("regionEndpoint", "ec2." + region + ".amazonaws.com")
                .el("optInStatus", "opt-in-not-required").end());
        out.end();
    }
}
