package dev.overcast.clouds.azure.vpn;

import static dev.overcast.core.cloud.PlannedAttributes.invalid;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkGatewayInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkGatewayIpConfigurationInner;
import com.azure.resourcemanager.network.models.BgpSettings;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.IpConfigurationBgpPeeringAddress;
import com.azure.resourcemanager.network.models.VirtualNetworkGatewaySku;
import com.azure.resourcemanager.network.models.VirtualNetworkGatewaySkuName;
import com.azure.resourcemanager.network.models.VirtualNetworkGatewaySkuTier;
import com.azure.resourcemanager.network.models.VirtualNetworkGatewayType;
import com.azure.resourcemanager.network.models.VpnType;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.clouds.azure.internal.ArmResourceClient;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The VPN gateway: a route-based VpnGw1 virtual network gateway with BGP on the plan's ASN, in the
 * network's {@code GatewaySubnet}, reached at the plan's static public IP. It takes 30 to 45 minutes;
 * the create starts it and returns. Its custom (APIPA) BGP addresses are added by each tunnel, which
 * knows its inside address (see {@link ConnectionClient}); observe reports them as {@value #CUSTOM_BGP_ADDRESSES}.
 */
public final class VirtualNetworkGatewayClient extends ArmResourceClient<VirtualNetworkGatewayInner> {

    static final String TYPE = "Microsoft.Network/virtualNetworkGateways";
    static final String IP_CONFIGURATION = "default";
    /** Observed: the gateway's custom BGP addresses, comma-separated. */
    static final String CUSTOM_BGP_ADDRESSES = "customBgpAddresses";

    public VirtualNetworkGatewayClient(ArmClients arm) {
        super(ResourceKind.VPN_GATEWAY, arm);
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        return observeEach(region, list("ListVirtualNetworkGateways", () -> arm.network().getVirtualNetworkGateways().listByResourceGroup(group)),
                VirtualNetworkGatewayInner::provisioningState, gateway -> attributes(
                        Attributes.ASN, gateway.bgpSettings() == null ? null : String.valueOf(gateway.bgpSettings().asn()),
                        Outputs.PUBLIC_IP, tunnelAddress(gateway),
                        CUSTOM_BGP_ADDRESSES, String.join(",", customAddresses(gateway))));
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        long asn = asn(desired);
        String subnetId = dependencies.require(required(desired, Attributes.SUBNET_REF)).cloudId();
        String publicIpRef = Arrays.stream(required(desired, Attributes.PUBLIC_IP_REFS).split(",")).map(String::trim).findFirst().orElseThrow();
        String publicIpId = dependencies.require(publicIpRef).cloudId();
        String id = ArmIds.of(arm.subscriptionId(), group, TYPE, desired.name());
        VirtualNetworkGatewayInner gateway = new VirtualNetworkGatewayInner()
                .withIpConfigurations(List.of(new VirtualNetworkGatewayIpConfigurationInner()
                        .withName(IP_CONFIGURATION)
                        .withSubnet(new SubResource().withId(subnetId))
                        .withPublicIpAddress(new SubResource().withId(publicIpId))
                        .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC)))
                .withGatewayType(VirtualNetworkGatewayType.VPN)
                .withVpnType(VpnType.ROUTE_BASED)
                .withSku(new VirtualNetworkGatewaySku().withName(VirtualNetworkGatewaySkuName.VPN_GW1).withTier(VirtualNetworkGatewaySkuTier.VPN_GW1))
                .withActive(false)
                .withEnableBgp(true)
                .withBgpSettings(new BgpSettings().withAsn(asn).withBgpPeeringAddresses(List.of(new IpConfigurationBgpPeeringAddress()
                        .withIpconfigurationId(ipConfigurationId(id))
                        .withCustomBgpIpAddresses(List.of()))))
                .withLocation(desired.region())
                .withTags(tags(clusterId, desired));
        arm.network().getVirtualNetworkGateways().beginCreateOrUpdate(group, desired.name(), gateway);
        return started(clusterId, desired, id, attributes(Attributes.ASN, String.valueOf(asn)));
    }

    @Override
    protected void remove(String group, Observation observed) {
        arm.network().getVirtualNetworkGateways().beginDelete(group, ArmIds.name(observed.cloudId()));
    }

    /**
     * Makes a tunnel's APIPA inside address one of the gateway's custom BGP addresses. True when the
     * gateway has it and is ready; otherwise starts the update if needed (the gateway then updates for
     * minutes) and answers false. Reads the gateway first, so a caller holding an old observation
     * never adds the address twice.
     */
    boolean ensureCustomBgpAddress(String gatewayId, String address) {
        String group = ArmIds.group(gatewayId);
        String name = ArmIds.name(gatewayId);
        VirtualNetworkGatewayInner gateway = arm.network().getVirtualNetworkGateways().getByResourceGroup(group, name);
        List<String> addresses = new ArrayList<>(customAddresses(gateway));
        if (addresses.contains(address)) {
            return state(String.valueOf(gateway.provisioningState())) == ResourceState.READY;
        }
        addresses.add(address);
        gateway.bgpSettings().withBgpPeeringAddresses(List.of(new IpConfigurationBgpPeeringAddress()
                .withIpconfigurationId(ipConfigurationId(gatewayId))
                .withCustomBgpIpAddresses(addresses)));
        arm.network().getVirtualNetworkGateways().beginCreateOrUpdate(group, name, gateway);
        return false;
    }

    static String ipConfigurationId(String gatewayId) {
        return gatewayId + "/ipConfigurations/" + IP_CONFIGURATION;
    }

    private static final java.util.Set<Long> RESERVED_ASNS = new java.util.TreeSet<>(java.util.List.of(
            8074L, 8075L, 12076L, 65517L, 65518L, 65519L, 65520L));

    private long asn(Resource desired) {
        try {
            long asn = Long.parseLong(required(desired, Attributes.ASN));
            // 65515 is the gateway's own default; Azure reserves 65517-65520 and its public ASNs.
            if (asn < 1 || asn > 4_294_967_295L || RESERVED_ASNS.contains(asn)) {
                throw invalid(desired, Attributes.ASN, "Azure needs a 1..4294967295 ASN other than its reserved "
                        + RESERVED_ASNS);
            }
            return asn;
        } catch (NumberFormatException e) {
            throw invalid(desired, Attributes.ASN, "must be a number");
        }
    }

    private static String tunnelAddress(VirtualNetworkGatewayInner gateway) {
        if (gateway.bgpSettings() == null || gateway.bgpSettings().bgpPeeringAddresses() == null) {
            return null;
        }
        return gateway.bgpSettings().bgpPeeringAddresses().stream()
                .filter(a -> a.tunnelIpAddresses() != null && !a.tunnelIpAddresses().isEmpty())
                .map(a -> a.tunnelIpAddresses().get(0))
                .findFirst().orElse(null);
    }

    private static List<String> customAddresses(VirtualNetworkGatewayInner gateway) {
        if (gateway.bgpSettings() == null || gateway.bgpSettings().bgpPeeringAddresses() == null) {
            return List.of();
        }
        return gateway.bgpSettings().bgpPeeringAddresses().stream()
                .filter(a -> a.customBgpIpAddresses() != null)
                .flatMap(a -> a.customBgpIpAddresses().stream())
                .toList();
    }
}
