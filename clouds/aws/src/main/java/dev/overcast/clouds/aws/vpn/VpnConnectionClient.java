package dev.overcast.clouds.aws.vpn;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import dev.overcast.clouds.aws.internal.AwsErrors;
import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.clouds.aws.internal.Ec2ResourceClient;
import dev.overcast.clouds.aws.internal.OwnedTags;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.SecretResolver;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Outputs;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TunnelOption;
import software.amazon.awssdk.services.ec2.model.VgwTelemetry;
import software.amazon.awssdk.services.ec2.model.VpnConnection;
import software.amazon.awssdk.services.ec2.model.VpnTunnelOptionsSpecification;

/**
 * The {@code vpn-tunnel} kind: a BGP VPN connection between the VPN gateway and the peer gateway.
 * EC2 gives every connection two tunnels; tunnel 1 uses the plan's inside CIDR, tunnel 2 its
 * {@code secondaryInsideCidr} when planned (towards GCP, whose second tunnel meets it; otherwise EC2
 * picks one). Their outside addresses are the {@code publicIp} / {@code secondaryPublicIp} outputs the
 * far cloud's peer gateway points at. The pre-shared key is resolved at the call and never kept.
 */
public final class VpnConnectionClient extends Ec2ResourceClient {

    private final SecretResolver secrets;

    public VpnConnectionClient(Ec2Clients clients, SecretResolver secrets) {
        super(ResourceKind.VPN_TUNNEL, clients);
        this.secrets = secrets;
    }

    /**
     * A connection is available after about 8 minutes and observed ready then; its tunnels come up some 2.5
     * minutes later, off its dependants' path.
     */
    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("vpn-connection.create", Duration.ofMinutes(8)))
                .settle(operation("vpn-connection.tunnels", Duration.ofSeconds(150)))
                .delete(operation("vpn-connection.delete", Duration.ofMinutes(2)));
    }

    /** DescribeVpnConnections has no pages: one call answers for the whole region. */
    @Override
    protected List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters) {
        return AwsErrors.call("DescribeVpnConnections", () -> ec2.describeVpnConnections(r -> r.filters(filters)).vpnConnections().stream()
                .flatMap(c -> state(c.stateAsString()).flatMap(state -> observed(region, c.vpnConnectionId(), state, observedAttributes(c), c.tags())).stream())
                .toList());
    }

    @Override
    protected Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies) {
        String gateway = dependencies.require(required(desired, Attributes.GATEWAY_REF)).cloudId();
        String peer = dependencies.require(required(desired, Attributes.PEER_GATEWAY_REF)).cloudId();
        String insideCidr = required(desired, Attributes.INSIDE_CIDR);
        String secondaryInsideCidr = desired.attribute(Attributes.SECONDARY_INSIDE_CIDR);
        String sharedSecret = secrets.resolve(required(desired, Attributes.SHARED_SECRET_REF));
        VpnConnection connection = AwsErrors.call("CreateVpnConnection", () -> ec2.createVpnConnection(r -> r
                .type("ipsec.1")
                .vpnGatewayId(gateway)
                .customerGatewayId(peer)
                .options(o -> o.staticRoutesOnly(false).tunnelOptions(
                        VpnTunnelOptionsSpecification.builder().tunnelInsideCidr(insideCidr).preSharedKey(sharedSecret).build(),
                        VpnTunnelOptionsSpecification.builder().tunnelInsideCidr(secondaryInsideCidr).preSharedKey(sharedSecret).build()))
                .tagSpecifications(OwnedTags.specification(ResourceType.VPN_CONNECTION, clusterId, desired.name())))).vpnConnection();
        return created(clusterId, desired, connection.vpnConnectionId(), ResourceState.CREATING, observedAttributes(connection));
    }

    @Override
    protected void remove(Ec2Client ec2, Observation observed) {
        AwsErrors.removing("DeleteVpnConnection", () -> ec2.deleteVpnConnection(r -> r.vpnConnectionId(observed.cloudId())));
    }

    /** Tunnel 1 is the first of the connection's tunnel options, tunnel 2 the second; telemetry tells each tunnel's status by outside address. */
    private static Map<String, String> observedAttributes(VpnConnection connection) {
        List<TunnelOption> tunnels = connection.options() == null ? List.of() : connection.options().tunnelOptions();
        List<VgwTelemetry> telemetry = connection.vgwTelemetry();
        Optional<String> first = outside(tunnels, telemetry, 0);
        String status = first.flatMap(ip -> telemetry.stream().filter(t -> ip.equals(t.outsideIpAddress())).findFirst())
                .map(VgwTelemetry::statusAsString).orElse(null);
        return attributes(
                Attributes.INSIDE_CIDR, tunnels.isEmpty() ? null : tunnels.get(0).tunnelInsideCidr(),
                Attributes.SECONDARY_INSIDE_CIDR, tunnels.size() < 2 ? null : tunnels.get(1).tunnelInsideCidr(),
                Outputs.PUBLIC_IP, first.orElse(null),
                Outputs.SECONDARY_PUBLIC_IP, outside(tunnels, telemetry, 1).orElse(null),
                Outputs.TUNNEL_STATUS, status);
    }

    private static Optional<String> outside(List<TunnelOption> tunnels, List<VgwTelemetry> telemetry, int index) {
        if (tunnels.size() > index && tunnels.get(index).outsideIpAddress() != null) {
            return Optional.of(tunnels.get(index).outsideIpAddress());
        }
        return telemetry.size() > index ? Optional.ofNullable(telemetry.get(index).outsideIpAddress()) : Optional.empty();
    }
}
