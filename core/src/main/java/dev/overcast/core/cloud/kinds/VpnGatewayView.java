package dev.overcast.core.cloud.kinds;

import static dev.overcast.core.cloud.PlannedAttributes.invalid;

import dev.overcast.core.cloud.Observation;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import java.util.List;

/** A VPN gateway's list attributes: the public IPs it is built on and its custom BGP addresses. */
public final class VpnGatewayView {
    private VpnGatewayView() {
    }

    /** The public IP resources a gateway uses, in plan order; at least one. */
    public static List<String> publicIpRefs(Resource desired) {
        List<String> refs = PlannedList.of(desired, Attributes.PUBLIC_IP_REFS);
        if (refs.isEmpty() || refs.contains("")) {
            throw invalid(desired, Attributes.PUBLIC_IP_REFS, "it must name at least one public IP, comma-separated");
        }
        return refs;
    }

    /** The planned custom BGP addresses, sorted as text and without repeats; empty when none are planned. */
    public static List<String> customBgpAddresses(Resource desired) {
        return PlannedList.of(desired, Attributes.CUSTOM_BGP_ADDRESSES).stream().sorted().distinct().toList();
    }

    /** The custom BGP addresses an observed gateway holds; empty when it reports none. */
    public static List<String> customBgpAddresses(Observation gateway) {
        String value = gateway.attribute(Attributes.CUSTOM_BGP_ADDRESSES);
        return value == null || value.isBlank() ? List.of() : PlannedList.entries(value);
    }
}
