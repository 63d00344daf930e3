package dev.overcast.cloudsim.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The live resources of one account on one front, keyed by id. Two snapshots are equal when the same
 * resources exist with the same state, tags and attributes; {@link #diff} says what differs. Resources
 * being deleted (terminated instances, deleted VPN connections still listed by describe) are not live.
 */
public record Snapshot(String front, String account, Map<String, ResourceView> resources) {

    public Snapshot {
        resources = Map.copyOf(new TreeMap<>(resources));
    }

    /** One line per difference, e.g. {@code + vpc-0abc (vpc, us-east-1)}, {@code ~ sg-1 tags: … → …}. */
    public List<String> diff(Snapshot other) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(resources.keySet());
        ids.addAll(other.resources.keySet());
        for (String id : ids) {
            ResourceView before = resources.get(id);
            ResourceView after = other.resources.get(id);
            if (before == null) {
                lines.add("+ " + id + " (" + after.type() + ", " + after.region() + ")");
            } else if (after == null) {
                lines.add("- " + id + " (" + before.type() + ", " + before.region() + ")");
            } else {
                compare(lines, id, "state", before.state(), after.state());
                compare(lines, id, "tags", before.tags(), after.tags());
                compare(lines, id, "attributes", before.attributes(), after.attributes());
            }
        }
        return lines;
    }

    private static void compare(List<String> lines, String id, String what, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            lines.add("~ " + id + " " + what + ": " + before + " → " + after);
        }
    }
}
