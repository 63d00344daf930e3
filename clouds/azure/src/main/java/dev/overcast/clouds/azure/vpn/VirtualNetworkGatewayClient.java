package dev.overcast.clouds.azure.vpn;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.drift;
import static dev.overcast.core.cloud.PlannedAttributes.invalid;
import static dev.overcast.core.cloud.PlannedAttributes.notUpdatable;
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
import dev.overcast.clouds.azure.internal.AzureErrors;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.kinds.VpnGatewayView;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The VPN gateway: a route-based VpnGw1 virtual network gateway with BGP on the plan's ASN, in the
 * network's {@code GatewaySubnet}, reached at the plan's static public IP. It takes 30 to 45 minutes;
 * the create starts it and returns. It is created with every planned custom (APIPA) BGP address, the
 * inside addresses of all its tunnels: ARM takes a change of them only in a gateway update of minutes,
 * one update at a time, so tunnels adding their own would wait for each other. Observe reports them
 * sorted, and update writes the planned set again when someone changed it.
 */
public final class VirtualNetworkGatewayClient extends ArmResourceClient<VirtualNetworkGatewayInner> {

    static final String TYPE = "Microsoft.Network/virtualNetworkGateways";
    static final String IP_CONFIGURATION = "default";

    public VirtualNetworkGatewayClient(ArmClients arm) {
        super(ResourceKind.VPN_GATEWAY, arm);
    }

    /**
     * A VPN gateway takes 30 to 45 minutes (here their middle); it is created with every planned APIPA address,
     * so no connection waits for an update, but one whose custom BGP addresses are written again (someone
     * changed them) updates for minutes.
     */
    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("virtualnetworkgateways.create", Duration.ofMinutes(38)))
                .delete(operation("virtualnetworkgateways.delete", Duration.ofMinutes(15)))
                .update(operation("virtualnetworkgateways.update", Duration.ofMinutes(10)));
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        return observeEach(region, list("ListVirtualNetworkGateways", () -> arm.network().getVirtualNetworkGateways().listByResourceGroup(group)),
                VirtualNetworkGatewayInner::provisioningState, gateway -> attributes(
                        Attributes.ASN, gateway.bgpSettings() == null ? null : String.valueOf(gateway.bgpSettings().asn()),
                        Outputs.PUBLIC_IP, tunnelAddress(gateway),
                        Attributes.CUSTOM_BGP_ADDRESSES, String.join(",", customAddresses(gateway))));
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        long asn = asn(desired);
        String subnetId = dependencies.require(required(desired, Attributes.SUBNET_REF)).cloudId();
        // An active-standby gateway has one IP configuration: the first public IP the plan names.
        String publicIpRef = VpnGatewayView.publicIpRefs(desired).get(0);
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
                        .withCustomBgpIpAddresses(plannedAddresses(desired)))))
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
     * The custom BGP addresses are the one attribute that changes in place: the planned set is written
     * again (a gateway update of minutes). The gateway is read first, so a caller holding an old
     * observation never starts a second update once the addresses are right.
     */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        requireOwnKind(desired);
        SortedMap<String, String> drift = drift(desired, observed);
        if (drift.isEmpty()) {
            return observed;
        }
        drift.remove(Attributes.CUSTOM_BGP_ADDRESSES);
        if (!drift.isEmpty()) {
            throw notUpdatable(desired, drift);
        }
        List<String> planned = plannedAddresses(desired);
        String group = ArmIds.group(observed.cloudId());
        String name = ArmIds.name(observed.cloudId());
        return AzureErrors.call("UpdateVirtualNetworkGateway", () -> {
            VirtualNetworkGatewayInner gateway = arm.network().getVirtualNetworkGateways().getByResourceGroup(group, name);
            if (customAddresses(gateway).equals(planned)) {
                return observed;
            }
            gateway.bgpSettings().withBgpPeeringAddresses(List.of(new IpConfigurationBgpPeeringAddress()
                    .withIpconfigurationId(ipConfigurationId(observed.cloudId()))
                    .withCustomBgpIpAddresses(planned)));
            arm.network().getVirtualNetworkGateways().beginCreateOrUpdate(group, name, gateway);
            SortedMap<String, String> attributes = new TreeMap<>(observed.attributes());
            attributes.put(Attributes.CUSTOM_BGP_ADDRESSES, String.join(",", planned));
            return new Observation(observed.name(), observed.kind(), observed.cloud(), observed.region(), observed.cloudId(),
                    ResourceState.CREATING, attributes, observed.tags());
        });
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

    /** The planned custom BGP addresses; each must be in Azure's APIPA range. */
    private static List<String> plannedAddresses(Resource desired) {
        List<String> addresses = VpnGatewayView.customBgpAddresses(desired);
        if (!addresses.stream().allMatch(Apipa::contains)) {
            throw invalid(desired, Attributes.CUSTOM_BGP_ADDRESSES, "Azure needs custom BGP addresses within 169.254.21.0 to 169.254.22.255");
        }
        return addresses;
    }

    /** The gateway's custom BGP addresses, sorted like the plan's so that their order is never drift. */
    private static List<String> customAddresses(VirtualNetworkGatewayInner gateway) {
        if (gateway.bgpSettings() == null || gateway.bgpSettings().bgpPeeringAddresses() == null) {
            return List.of();
        }
        return gateway.bgpSettings().bgpPeeringAddresses().stream()
                .filter(a -> a.customBgpIpAddresses() != null)
                .flatMap(a -> a.customBgpIpAddresses().stream())
                .sorted().distinct()
                .toList();
    }
}
