package dev.overcast.clouds.aws.subnet;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import dev.overcast.clouds.aws.internal.AwsErrors;
import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.clouds.aws.internal.Ec2ResourceClient;
import dev.overcast.clouds.aws.internal.OwnedTags;
import dev.overcast.clouds.aws.network.NetworkClient;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** The {@code subnet} kind: an EC2 subnet in the network's VPC, joined to the network's route table. */
public final class SubnetClient extends Ec2ResourceClient {

    public SubnetClient(Ec2Clients clients) {
        super(ResourceKind.SUBNET, clients);
    }

    /** EC2 (VPC User Guide, "Subnet CIDR blocks"): a subnet's CIDR block and its Availability Zone are fixed when it is created. */
    @Override
    public Set<String> createOnly() {
        return Set.of(Attributes.CIDR, Attributes.ZONE, Attributes.NETWORK_REF);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT.create(operation("subnet.create", Duration.ofSeconds(2)));
    }

    @Override
    protected List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters) {
        return AwsErrors.call("DescribeSubnets", () -> ec2.describeSubnetsPaginator(r -> r.filters(filters).maxResults(1000))
                .subnets().stream()
                .flatMap(s -> state(s.stateAsString()).flatMap(state -> observed(region, s.subnetId(), state,
                        attributes(Attributes.CIDR, s.cidrBlock(), Attributes.ZONE, s.availabilityZone()), s.tags())).stream())
                .toList());
    }

    @Override
    protected Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies) {
        String vpcId = dependencies.require(required(desired, Attributes.NETWORK_REF)).cloudId();
        String cidr = required(desired, Attributes.CIDR);
        String zone = required(desired, Attributes.ZONE);
        Subnet subnet = AwsErrors.call("CreateSubnet", () -> ec2.createSubnet(r -> r.vpcId(vpcId).cidrBlock(cidr).availabilityZone(zone)
                .tagSpecifications(OwnedTags.specification(ResourceType.SUBNET, clusterId, desired.name())))).subnet();
        return created(clusterId, desired, subnet.subnetId(), state(subnet.stateAsString()).orElse(ResourceState.CREATING),
                attributes(Attributes.CIDR, cidr, Attributes.ZONE, zone));
    }

    /** Joins the network's route table, so traffic leaves through its internet gateway and VPN routes. */
    @Override
    protected Observation complete(Ec2Client ec2, String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        String network = required(desired, Attributes.NETWORK_REF);
        RouteTable table = NetworkClient.routeTable(ec2, clusterId, network);
        if (table.associations().stream().noneMatch(a -> found.cloudId().equals(a.subnetId()))) {
            AwsErrors.call("AssociateRouteTable", () -> ec2.associateRouteTable(r -> r.routeTableId(table.routeTableId()).subnetId(found.cloudId())));
        }
        return found;
    }

    @Override
    protected void remove(Ec2Client ec2, Observation observed) {
        AwsErrors.removing("DeleteSubnet", () -> ec2.deleteSubnet(r -> r.subnetId(observed.cloudId())));
    }
}
