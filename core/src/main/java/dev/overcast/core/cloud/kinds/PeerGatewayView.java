package dev.overcast.core.cloud.kinds;

import static dev.overcast.core.cloud.PlannedAttributes.invalid;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer gateway's far-side addresses: interface {@code k} is the output {@link PeerAddress#output()} of
 * the plan resource {@link PeerAddress#resource()}, from the parallel lists {@code peerAddressRef} and
 * {@code peerAddressOutput}.
 */
public final class PeerGatewayView {

    /** Where one interface's address comes from: an output of another resource of the plan. */
    public record PeerAddress(String resource, String output) {}

    private final Resource desired;
    private final List<PeerAddress> interfaces;

    private PeerGatewayView(Resource desired, List<PeerAddress> interfaces) {
        this.desired = desired;
        this.interfaces = interfaces;
    }

    /** @throws dev.overcast.core.cloud.exceptions.TerminalCloudException when a list is missing, has a blank entry, or the two differ in length */
    public static PeerGatewayView of(Resource desired) {
        if (desired.kind() != ResourceKind.PEER_GATEWAY) {
            throw new IllegalArgumentException(desired.name() + " is a " + desired.kind() + ", not a peer gateway");
        }
        List<String> resources = PlannedList.entries(required(desired, Attributes.PEER_ADDRESS_REF));
        List<String> outputs = PlannedList.entries(required(desired, Attributes.PEER_ADDRESS_OUTPUT));
        if (resources.contains("")) {
            throw invalid(desired, Attributes.PEER_ADDRESS_REF, "every entry must name a resource");
        }
        if (outputs.size() != resources.size() || outputs.contains("")) {
            throw invalid(desired, Attributes.PEER_ADDRESS_OUTPUT, "it must name one output per entry of " + Attributes.PEER_ADDRESS_REF);
        }
        List<PeerAddress> interfaces = new ArrayList<>();
        for (int k = 0; k < resources.size(); k++) {
            interfaces.add(new PeerAddress(resources.get(k), outputs.get(k)));
        }
        return new PeerGatewayView(desired, List.copyOf(interfaces));
    }

    public List<PeerAddress> interfaces() {
        return interfaces;
    }

    /**
     * Every interface's address, in interface order.
     *
     * @throws dev.overcast.core.cloud.exceptions.DependencyNotReadyException while a far-side output is not known yet
     */
    public List<String> addresses(Dependencies dependencies) {
        return interfaces.stream().map(i -> dependencies.output(i.resource(), i.output())).toList();
    }

    /** The one address of a gateway whose cloud takes a single one (an AWS customer gateway, an Azure local network gateway). */
    public String onlyAddress(Dependencies dependencies) {
        if (interfaces.size() != 1) {
            throw invalid(desired, Attributes.PEER_ADDRESS_REF, "a " + desired.cloud().id() + " peer gateway has exactly one address");
        }
        return addresses(dependencies).get(0);
    }
}
