package dev.overcast.clouds.aws.vpn;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.number;

import dev.overcast.clouds.aws.internal.AwsErrors;
import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.clouds.aws.internal.Ec2ResourceClient;
import dev.overcast.clouds.aws.internal.OwnedTags;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.kinds.PeerGatewayView;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateCustomerGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CustomerGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GatewayType;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The {@code peer-gateway} kind: a customer gateway standing for the far cloud's VPN endpoint, at the
 * address another resource of the plan publishes ({@code peerAddressRef} / {@code peerAddressOutput}).
 */
public final class CustomerGatewayClient extends Ec2ResourceClient {

    /** Above this, EC2 wants the ASN in {@code BgpAsnExtended} (a four-byte ASN). */
    private static final long TWO_BYTE_FIELD_MAX = Integer.MAX_VALUE;

    public CustomerGatewayClient(Ec2Clients clients) {
        super(ResourceKind.PEER_GATEWAY, clients);
    }

    /** A new customer gateway answers {@code available} at once (the AWS CLI reference's create-customer-gateway example). */
    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT
                .create(operation("customer-gateway.create", Duration.ZERO))
                .delete(operation("customer-gateway.delete", Duration.ofMinutes(1)));
    }

    /** DescribeCustomerGateways has no pages: one call answers for the whole region. */
    @Override
    protected List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters) {
        return AwsErrors.call("DescribeCustomerGateways", () -> ec2.describeCustomerGateways(r -> r.filters(filters)).customerGateways().stream()
                .flatMap(g -> state(g.state()).flatMap(state -> observed(region, g.customerGatewayId(), state,
                        attributes(Attributes.PEER_ASN, g.bgpAsnExtended() != null ? g.bgpAsnExtended() : g.bgpAsn()), g.tags())).stream())
                .toList());
    }

    @Override
    protected Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies) {
        long asn = number(desired, Attributes.PEER_ASN, 1, VpnGatewayClient.ASN_MAX);
        String address = PeerGatewayView.of(desired).onlyAddress(dependencies);
        CreateCustomerGatewayRequest.Builder request = CreateCustomerGatewayRequest.builder()
                .type(GatewayType.IPSEC_1)
                .ipAddress(address)
                .tagSpecifications(OwnedTags.specification(ResourceType.CUSTOMER_GATEWAY, clusterId, desired.name()));
        if (asn > TWO_BYTE_FIELD_MAX) {
            request.bgpAsnExtended(asn);
        } else {
            request.bgpAsn((int) asn);
        }
        CustomerGateway gateway = AwsErrors.call("CreateCustomerGateway", () -> ec2.createCustomerGateway(request.build())).customerGateway();
        return created(clusterId, desired, gateway.customerGatewayId(), state(gateway.state()).orElse(ResourceState.CREATING),
                attributes(Attributes.PEER_ASN, Long.toString(asn)));
    }

    @Override
    protected void remove(Ec2Client ec2, Observation observed) {
        AwsErrors.removing("DeleteCustomerGateway", () -> ec2.deleteCustomerGateway(r -> r.customerGatewayId(observed.cloudId())));
    }
}
