package dev.overcast.clouds.azure.vpn;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.invalid;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import com.azure.resourcemanager.network.fluent.models.LocalNetworkGatewayInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkGatewayConnectionInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkGatewayInner;
import com.azure.resourcemanager.network.models.GatewayCustomBgpIpAddressIpConfiguration;
import com.azure.resourcemanager.network.models.VirtualNetworkGatewayConnectionStatus;
import com.azure.resourcemanager.network.models.VirtualNetworkGatewayConnectionType;
import dev.overcast.clouds.azure.internal.ArmClients;
import dev.overcast.clouds.azure.internal.ArmIds;
import dev.overcast.clouds.azure.internal.ArmResourceClient;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.kinds.VpnGatewayView;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;

/**
 * The tunnel: an IPsec site-to-site connection between the VPN gateway and the peer's local network
 * gateway, BGP over the plan's APIPA inside addresses (Azure allows 169.254.21.0 to 169.254.22.255).
 * Its inside address must already be a custom BGP address of the gateway, which is created with all of
 * its tunnels' (see {@link VirtualNetworkGatewayClient}); when it is not (someone removed it), the create
 * answers "gateway not ready" and the gateway's update puts it back. Before the connection, the far
 * inside address becomes the local gateway's BGP peer. The pre-shared key is resolved at the moment of
 * the PUT and never kept.
 */
public final class ConnectionClient extends ArmResourceClient<VirtualNetworkGatewayConnectionInner> {

    static final String TYPE = "Microsoft.Network/connections";

    private final SecretResolver secrets;
    private final LocalNetworkGatewayClient locals;

    public ConnectionClient(ArmClients arm, SecretResolver secrets, LocalNetworkGatewayClient locals) {
        super(ResourceKind.VPN_TUNNEL, arm);
        this.secrets = secrets;
        this.locals = locals;
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("connections.create", Duration.ofMinutes(3)))
                .delete(operation("connections.delete", Duration.ofMinutes(1)));
    }

    @Override
    protected List<Observation> observeGroup(String group, String region) {
        return observeEach(region, list("ListConnections", () -> arm.network().getVirtualNetworkGatewayConnections().listByResourceGroup(group)),
                VirtualNetworkGatewayConnectionInner::provisioningState, connection -> attributes(
                        Attributes.LOCAL_INSIDE_IP, insideAddress(connection),
                        Outputs.TUNNEL_STATUS, VirtualNetworkGatewayConnectionStatus.CONNECTED.equals(connection.connectionStatus()) ? "UP" : "DOWN"));
    }

    @Override
    protected Observation start(String group, String clusterId, Resource desired, Dependencies dependencies) {
        String insideIp = required(desired, Attributes.LOCAL_INSIDE_IP);
        String peerInsideIp = required(desired, Attributes.PEER_INSIDE_IP);
        for (String key : List.of(Attributes.LOCAL_INSIDE_IP, Attributes.PEER_INSIDE_IP)) {
            if (!Apipa.contains(desired.attribute(key))) {
                throw invalid(desired, key, "Azure needs BGP inside addresses within 169.254.21.0 to 169.254.22.255");
            }
        }
        String gatewayRef = required(desired, Attributes.GATEWAY_REF);
        Observation gateway = dependencies.require(gatewayRef);
        Observation local = dependencies.require(required(desired, Attributes.PEER_GATEWAY_REF));
        if (!VpnGatewayView.customBgpAddresses(gateway).contains(insideIp)) {
            throw new DependencyNotReadyException(gatewayRef, "waiting for custom BGP address " + insideIp + " on the gateway");
        }
        if (!peerInsideIp.equals(local.attribute(LocalNetworkGatewayClient.BGP_PEERING_ADDRESS))) {
            locals.peerAt(local, peerInsideIp);
        }
        VirtualNetworkGatewayConnectionInner connection = new VirtualNetworkGatewayConnectionInner()
                .withConnectionType(VirtualNetworkGatewayConnectionType.IPSEC)
                .withVirtualNetworkGateway1(new VirtualNetworkGatewayInner().withId(gateway.cloudId()))
                .withLocalNetworkGateway2(new LocalNetworkGatewayInner().withId(local.cloudId()))
                .withEnableBgp(true)
                .withGatewayCustomBgpIpAddresses(List.of(new GatewayCustomBgpIpAddressIpConfiguration()
                        .withIpConfigurationId(VirtualNetworkGatewayClient.ipConfigurationId(gateway.cloudId()))
                        .withCustomBgpIpAddress(insideIp)))
                .withSharedKey(secrets.resolve(required(desired, Attributes.SHARED_SECRET_REF)))
                .withLocation(desired.region())
                .withTags(tags(clusterId, desired));
        arm.network().getVirtualNetworkGatewayConnections().beginCreateOrUpdate(group, desired.name(), connection);
        return started(clusterId, desired, ArmIds.of(arm.subscriptionId(), group, TYPE, desired.name()),
                attributes(Attributes.LOCAL_INSIDE_IP, insideIp));
    }

    @Override
    protected void remove(String group, Observation observed) {
        arm.network().getVirtualNetworkGatewayConnections().beginDelete(group, ArmIds.name(observed.cloudId()));
    }

    private static String insideAddress(VirtualNetworkGatewayConnectionInner connection) {
        return connection.gatewayCustomBgpIpAddresses() == null || connection.gatewayCustomBgpIpAddresses().isEmpty() ? null
                : connection.gatewayCustomBgpIpAddresses().get(0).customBgpIpAddress();
    }
}
