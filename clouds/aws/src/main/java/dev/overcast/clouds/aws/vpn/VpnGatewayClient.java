package dev.overcast.clouds.aws.vpn;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.number;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import dev.overcast.clouds.aws.internal.AwsErrors;
import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.clouds.aws.internal.Ec2ResourceClient;
import dev.overcast.clouds.aws.internal.OwnedTags;
import dev.overcast.clouds.aws.network.NetworkClient;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.VpnGateway;

/**
 * The {@code vpn-gateway} kind: a virtual private gateway with the plan's Amazon-side ASN, attached to
 * the network's VPC and propagating the routes it learns over BGP into the network's route table.
 * EC2 attaches only an available gateway, so create throws a retryable error while the gateway is
 * pending and finishes the attachment when called again; observe says CREATING until it is attached.
 */
public final class VpnGatewayClient extends Ec2ResourceClient {

    private static final Set<String> HOLDING = Set.of("attaching", "attached");
    /** The largest four-byte ASN; 4294967295 is reserved. */
    static final long ASN_MAX = 4_294_967_294L;

    public VpnGatewayClient(Ec2Clients clients) {
        super(ResourceKind.VPN_GATEWAY, clients);
    }

    /**
     * EC2 attaches only an available gateway, so the attach is a second stage; a delete detaches first.
     * A new gateway answers {@code available} at once (the AWS CLI reference's create-vpn-gateway example).
     */
    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("vpn-gateway.create", Duration.ZERO))
                .create(operation("vpn-gateway.attach", Duration.ofMinutes(1)))
                .delete(operation("vpn-gateway.detach", Duration.ofMinutes(1)))
                .delete(operation("vpn-gateway.delete", Duration.ofMinutes(2)));
    }

    /** DescribeVpnGateways has no pages: one call answers for the whole region. */
    @Override
    protected List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters) {
        return AwsErrors.call("DescribeVpnGateways", () -> ec2.describeVpnGateways(r -> r.filters(filters)).vpnGateways().stream()
                .flatMap(g -> state(g.stateAsString()).flatMap(state -> observed(region, g.vpnGatewayId(), attachedState(g, state),
                        attributes(Attributes.ASN, g.amazonSideAsn() == null ? null : g.amazonSideAsn().toString()), g.tags())).stream())
                .toList());
    }

    @Override
    protected Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies) {
        long asn = number(desired, Attributes.ASN, 1, ASN_MAX);
        VpnGateway gateway = AwsErrors.call("CreateVpnGateway", () -> ec2.createVpnGateway(r -> r.type(GatewayType.IPSEC_1).amazonSideAsn(asn)
                .tagSpecifications(OwnedTags.specification(ResourceType.VPN_GATEWAY, clusterId, desired.name())))).vpnGateway();
        return created(clusterId, desired, gateway.vpnGatewayId(), ResourceState.CREATING, attributes(Attributes.ASN, Long.toString(asn)));
    }

    /** Attaches to the network's VPC and turns on route propagation, whichever is not done yet. */
    @Override
    protected Observation complete(Ec2Client ec2, String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        String network = required(desired, Attributes.NETWORK_REF);
        String vpcId = dependencies.require(network).cloudId();
        VpnGateway gateway = AwsErrors.call("DescribeVpnGateways", () -> ec2.describeVpnGateways(r -> r.vpnGatewayIds(found.cloudId())))
                .vpnGateways().stream().findFirst()
                .orElseThrow(() -> new DependencyNotReadyException(found.name(), "not visible yet"));
        if (!"available".equals(gateway.stateAsString())) {
            // EC2 attaches only available gateways: the create has started, and is called again to finish.
            throw new RetryableCloudException(Cloud.AWS, "AttachVpnGateway", "IncorrectState",
                    "VPN gateway " + found.cloudId() + " is " + gateway.stateAsString() + "; it is attached once available", null);
        }
        if (gateway.vpcAttachments().stream().noneMatch(a -> vpcId.equals(a.vpcId()) && HOLDING.contains(a.stateAsString()))) {
            AwsErrors.call("AttachVpnGateway", () -> ec2.attachVpnGateway(r -> r.vpcId(vpcId).vpnGatewayId(found.cloudId())));
        }
        RouteTable table = NetworkClient.routeTable(ec2, clusterId, network);
        if (table.propagatingVgws().stream().noneMatch(p -> found.cloudId().equals(p.gatewayId()))) {
            AwsErrors.call("EnableVgwRoutePropagation", () -> ec2.enableVgwRoutePropagation(r -> r.routeTableId(table.routeTableId()).gatewayId(found.cloudId())));
        }
        return found;
    }

    /** A lost attachment or propagation is repaired; the ASN cannot change in place. */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        complete(clients.in(desired.region()), clusterId, desired, observed, dependencies);
        return super.update(clusterId, desired, observed, dependencies);
    }

    /**
     * Detaches, then deletes. EC2 refuses the delete while the detach is still running; that refusal
     * is retryable, and the next call finds the gateway detached.
     */
    @Override
    protected void remove(Ec2Client ec2, Observation observed) {
        List<VpnGateway> gateways = AwsErrors.unlessGone("DescribeVpnGateways", () ->
                ec2.describeVpnGateways(r -> r.vpnGatewayIds(observed.cloudId())).vpnGateways()).orElse(List.of());
        gateways.stream().flatMap(g -> g.vpcAttachments().stream())
                .filter(a -> HOLDING.contains(a.stateAsString()))
                .forEach(a -> AwsErrors.removing("DetachVpnGateway", () ->
                        ec2.detachVpnGateway(r -> r.vpcId(a.vpcId()).vpnGatewayId(observed.cloudId()))));
        AwsErrors.removing("DeleteVpnGateway", () -> ec2.deleteVpnGateway(r -> r.vpnGatewayId(observed.cloudId())));
    }

    private static ResourceState attachedState(VpnGateway gateway, ResourceState state) {
        boolean attached = gateway.vpcAttachments().stream().anyMatch(a -> "attached".equals(a.stateAsString()));
        return state == ResourceState.READY && !attached ? ResourceState.CREATING : state;
    }
}
