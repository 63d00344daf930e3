package dev.overcast.core.cloud.kinds;

import static dev.overcast.core.cloud.PlannedAttributes.invalid;

import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import java.util.List;

/** A subnet's list attributes. */
public final class SubnetView {
    private SubnetView() {
    }

    /** The pod ranges a node subnet carries, in plan order; empty for a subnet without pods. */
    public static List<String> podCidrs(Resource desired) {
        List<String> ranges = PlannedList.of(desired, Attributes.POD_CIDR);
        if (ranges.contains("")) {
            throw invalid(desired, Attributes.POD_CIDR, "every entry must be a CIDR, comma-separated");
        }
        return ranges;
    }
}
