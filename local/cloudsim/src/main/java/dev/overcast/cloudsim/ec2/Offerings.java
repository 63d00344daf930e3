package dev.overcast.cloudsim.ec2;

import dev.overcast.core.Cloud;
import dev.overcast.core.spec.InstanceCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DescribeInstanceTypeOfferings: every region (and each of its zones) offers the instance types of
 * Overcast's catalog, so a preflight finds what a spec may ask for.
 */
final class Offerings {

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("DescribeInstanceTypeOfferings", this::offerings);
    }

    private void offerings(Ec2Call call, Xml out) {
        String locationType = call.param("LocationType", "region");
        List<String> locations = switch (locationType) {
            case "region" -> List.of(call.region());
            case "availability-zone" -> Regions.ZONE_LETTERS.stream().map(letter -> call.region() + letter).toList();
            default -> throw Ec2Call.invalid("Invalid value '" + locationType + "' for LocationType.");
        };
        List<String[]> rows = new ArrayList<>();
        for (String type : InstanceCatalog.standard().types(Cloud.AWS)) {
            locations.forEach(location -> rows.add(new String[] {type, location}));
        }
        out.items("instanceTypeOfferingSet", Filters.rows(call, rows, List.of("instance-type", "location")),
                (x, row) -> x.el("instanceType", row[0]).el("locationType", locationType).el("location", row[1]));
    }
}
