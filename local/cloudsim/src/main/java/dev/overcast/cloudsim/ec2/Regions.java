package dev.overcast.cloudsim.ec2;

import java.util.List;

/** The AWS commercial regions the front serves; each has zones {@code a}, {@code b} and {@code c}. */
final class Regions {

    static final List<String> ALL = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1", "sa-east-1",
            "mx-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1",
            "eu-south-1", "eu-south-2", "af-south-1", "me-south-1", "me-central-1", "il-central-1",
            "ap-south-1", "ap-south-2", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-7");

    static final List<String> ZONE_LETTERS = List.of("a", "b", "c");

    private Regions() {
    }

    static boolean known(String region) {
        return ALL.contains(region);
    }

    static boolean knownZone(String region, String zone) {
        return zone.startsWith(region) && ZONE_LETTERS.contains(zone.substring(region.length()));
    }

    /** EC2's zone id, e.g. {@code use1-az2} for {@code us-east-1b}. */
    static String zoneId(String zone) {
        String region = zone.substring(0, zone.length() - 1);
        String[] parts = region.split("-");
        StringBuilder id = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            id.append(parts[i].startsWith("north") && parts[i].length() > 5 ? "n" + parts[i].charAt(5)
                    : parts[i].startsWith("south") && parts[i].length() > 5 ? "s" + parts[i].charAt(5)
                    : String.valueOf(parts[i].charAt(0)));
        }
        id.append(parts[parts.length - 1]).append("-az").append(ZONE_LETTERS.indexOf(zone.substring(region.length())) + 1);
        return id.toString();
    }
}
