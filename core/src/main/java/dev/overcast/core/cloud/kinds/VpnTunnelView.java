package dev.overcast.core.cloud.kinds;

import static dev.overcast.core.cloud.PlannedAttributes.invalid;

import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import java.util.List;
import java.util.Optional;

/** A tunnel resource's list attributes. */
public final class VpnTunnelView {
    private VpnTunnelView() {
    }

    /**
     * The far gateway interface each of the resource's tunnels goes to, in tunnel order; empty when the plan
     * leaves it to the cloud's default. Each is a whole number from 0 to {@code maxInterface}.
     */
    public static Optional<List<Integer>> peerInterfaces(Resource desired, int tunnels, int maxInterface) {
        if (desired.attribute(Attributes.PEER_INTERFACES) == null) {
            return Optional.empty();
        }
        List<String> entries = PlannedList.of(desired, Attributes.PEER_INTERFACES);
        if (entries.size() != tunnels) {
            throw invalid(desired, Attributes.PEER_INTERFACES, "it must list " + tunnels + " interfaces, one per tunnel");
        }
        return Optional.of(entries.stream().map(entry -> index(desired, Attributes.PEER_INTERFACES, entry, maxInterface)).toList());
    }

    /** The own gateway interface both of the resource's tunnels leave from, 0 to {@code maxInterface}; empty: the cloud's default. */
    public static Optional<Integer> gatewayInterface(Resource desired, int maxInterface) {
        String given = desired.attribute(Attributes.GATEWAY_INTERFACE);
        return given == null ? Optional.empty() : Optional.of(index(desired, Attributes.GATEWAY_INTERFACE, given.trim(), maxInterface));
    }

    private static int index(Resource desired, String key, String entry, int max) {
        try {
            int index = Integer.parseInt(entry);
            if (index >= 0 && index <= max) {
                return index;
            }
        } catch (NumberFormatException e) {
            // answered below, as for any out-of-range value
        }
        throw invalid(desired, key, "each interface must be a number from 0 to " + max);
    }
}
