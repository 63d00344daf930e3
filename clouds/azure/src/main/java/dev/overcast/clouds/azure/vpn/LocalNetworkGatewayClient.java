package dev.overcast.clouds.azure.vpn;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.invalid;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.azure.resourcemanager.network.fluent.models.LocalNetworkGatewayInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.BgpSettings;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.clouds.azure.internal.ArmResourceClient;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.kinds.PeerGatewayView;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;

/**
 * The peer gateway: a local network gateway at the far side's public address, with BGP on the far
 * side's ASN. Its BGP peering address is the far side's inside address of the tunnel, which the plan
 * gives the tunnel, not the peer gateway: the tunnel sets it (see {@link ConnectionClient}); a plan
 * that gives {@code peerInsideIp} here sets it at once. Observe reports it as {@value #BGP_PEERING_ADDRESS}.
 */
public final class LocalNetworkGatewayClient extends ArmResourceClient<LocalNetworkGatewayInner> {

    static final String TYPE = "Microsoft.Network/localNetworkGateways";
    /** Observed: the far side's BGP address. */
    static final String BGP_PEERING_ADDRESS = "bgpPeeringAddress";

    public LocalNetworkGatewayClient(ArmClients arm) {
        super(ResourceKind.PEER_GATEWAY, arm);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT.create(operation("localnetworkgateways.create", Duration.ofSeconds(30)));
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        return observeEach(region, list("ListLocalNetworkGateways", () -> arm.network().getLocalNetworkGateways().listByResourceGroup(group)),
                LocalNetworkGatewayInner::provisioningState, local -> attributes(
                        Attributes.PEER_ASN, local.bgpSettings() == null ? null : String.valueOf(local.bgpSettings().asn()),
                        BGP_PEERING_ADDRESS, local.bgpSettings() == null ? null : local.bgpSettings().bgpPeeringAddress()));
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        String farAddress = PeerGatewayView.of(desired).onlyAddress(dependencies);
        long asn = asn(desired);
        arm.network().getLocalNetworkGateways().beginCreateOrUpdate(group, desired.name(),
                gateway(farAddress, asn, desired.attribute(Attributes.PEER_INSIDE_IP)).withLocation(desired.region())
                        .withTags(tags(clusterId, desired)));
        return started(clusterId, desired, ArmIds.of(arm.subscriptionId(), group, TYPE, desired.name()),
                attributes(Attributes.PEER_ASN, String.valueOf(asn)));
    }

    @Override
    protected void remove(String group, Observation observed) {
        arm.network().getLocalNetworkGateways().beginDelete(group, ArmIds.name(observed.cloudId()));
    }

    /** Points the gateway's BGP session at the far side's inside address (an in-place update of seconds), unless it is already. */
    void peerAt(Observation local, String peerInsideIp) {
        String group = ArmIds.group(local.cloudId());
        String name = ArmIds.name(local.cloudId());
        LocalNetworkGatewayInner current = arm.network().getLocalNetworkGateways().getByResourceGroup(group, name);
        if (current.bgpSettings() != null && peerInsideIp.equals(current.bgpSettings().bgpPeeringAddress())) {
            return;
        }
        long asn = current.bgpSettings() == null ? 0 : current.bgpSettings().asn();
        arm.network().getLocalNetworkGateways().beginCreateOrUpdate(group, name,
                gateway(current.gatewayIpAddress(), asn, peerInsideIp).withLocation(current.location()).withTags(current.tags()));
    }

    /**
     * With BGP the far side's networks are learned, not listed: the address space holds only the far
     * BGP address, as Azure asks for APIPA peers.
     */
    private static LocalNetworkGatewayInner gateway(String farAddress, long asn, String peerInsideIp) {
        LocalNetworkGatewayInner gateway = new LocalNetworkGatewayInner().withGatewayIpAddress(farAddress);
        BgpSettings bgp = new BgpSettings().withAsn(asn);
        if (peerInsideIp != null && !peerInsideIp.isBlank()) {
            bgp.withBgpPeeringAddress(peerInsideIp);
            gateway.withLocalNetworkAddressSpace(new AddressSpace().withAddressPrefixes(List.of(peerInsideIp + "/32")));
        }
        return gateway.withBgpSettings(bgp);
    }

    private long asn(Resource desired) {
        try {
            return Long.parseLong(required(desired, Attributes.PEER_ASN));
        } catch (NumberFormatException e) {
            throw invalid(desired, Attributes.PEER_ASN, "must be a number");
        }
    }
}
