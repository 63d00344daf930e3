package dev.overcast.clouds.aws.network;

import static dev.overcast.core.cloud.KindTimings.operation;
import static dev.overcast.core.cloud.PlannedAttributes.required;

import dev.overcast.clouds.aws.internal.AwsErrors;
import dev.overcast.clouds.aws.internal.ClientTokens;
import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.clouds.aws.internal.Ec2ResourceClient;
import dev.overcast.clouds.aws.internal.OwnedTags;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.KindTimings;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.exceptions.DependencyNotReadyException;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The {@code network} kind: a VPC with an internet gateway attached and a route table whose default
 * route leads to it. All three carry the network's ownership tags; subnets associate with the route
 * table and the VPN gateway propagates its routes into it. Ready only when all three are complete.
 */
public final class NetworkClient extends Ec2ResourceClient {

    static final String DEFAULT_ROUTE = "0.0.0.0/0";

    public NetworkClient(Ec2Clients clients) {
        super(ResourceKind.NETWORK, clients);
    }

    /** EC2 (VPC User Guide, "VPC CIDR blocks"): a VPC's primary CIDR block cannot be changed once the VPC exists. */
    @Override
    public Set<String> createOnly() {
        return Set.of(Attributes.CIDR);
    }

    @Override
    public KindTimings timings() {
        return KindTimings.INSTANT.create(operation("vpc.create", Duration.ofSeconds(2)));
    }

    /** Three describes, each flat in the number of networks: VPCs, their gateways, their route tables. */
    @Override
    protected List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters) {
        List<Vpc> vpcs = AwsErrors.call("DescribeVpcs", () -> ec2.describeVpcsPaginator(r -> r.filters(filters).maxResults(1000))
                .vpcs().stream().toList());
        if (vpcs.isEmpty()) {
            return List.of();
        }
        Map<String, InternetGateway> gateways = byResourceName(gateways(ec2, filters), InternetGateway::tags);
        Map<String, RouteTable> routeTables = byResourceName(routeTables(ec2, filters), RouteTable::tags);
        return vpcs.stream()
                .flatMap(vpc -> {
                    String name = OwnedTags.resourceName(vpc.tags());
                    boolean complete = routedToInternet(vpc, gateways.get(name), routeTables.get(name));
                    ResourceState state = state(vpc.stateAsString())
                            .map(s -> s == ResourceState.READY && !complete ? ResourceState.CREATING : s)
                            .orElse(ResourceState.CREATING);
                    return observed(region, vpc.vpcId(), state, attributes(Attributes.CIDR, vpc.cidrBlock()), vpc.tags()).stream();
                })
                .toList();
    }

    @Override
    protected Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies) {
        String cidr = required(desired, Attributes.CIDR);
        Vpc vpc = AwsErrors.call("CreateVpc", () -> ec2.createVpc(r -> r.cidrBlock(cidr)
                .tagSpecifications(OwnedTags.specification(ResourceType.VPC, clusterId, desired.name())))).vpc();
        return created(clusterId, desired, vpc.vpcId(), ResourceState.CREATING, attributes(Attributes.CIDR, cidr));
    }

    /** Adds whichever of gateway, attachment, route table and default route is missing. */
    @Override
    protected Observation complete(Ec2Client ec2, String clusterId, Resource desired, Observation found, Dependencies dependencies) {
        if (found.state() == ResourceState.READY) {
            return found;
        }
        List<Filter> mine = OwnedTags.ofResource(clusterId, desired.name());
        String vpcId = found.cloudId();
        InternetGateway gateway = gateways(ec2, mine).stream().findFirst().orElseGet(() ->
                AwsErrors.call("CreateInternetGateway", () -> ec2.createInternetGateway(r -> r.tagSpecifications(
                        OwnedTags.specification(ResourceType.INTERNET_GATEWAY, clusterId, desired.name())))).internetGateway());
        if (gateway.attachments().stream().noneMatch(a -> vpcId.equals(a.vpcId()))) {
            AwsErrors.call("AttachInternetGateway", () -> ec2.attachInternetGateway(r -> r.vpcId(vpcId).internetGatewayId(gateway.internetGatewayId())));
        }
        RouteTable table = routeTables(ec2, mine).stream().findFirst().orElseGet(() ->
                AwsErrors.call("CreateRouteTable", () -> ec2.createRouteTable(r -> r.vpcId(vpcId)
                        .clientToken(ClientTokens.of(clusterId, desired.name()))
                        .tagSpecifications(OwnedTags.specification(ResourceType.ROUTE_TABLE, clusterId, desired.name())))).routeTable());
        if (table.routes().stream().noneMatch(route -> DEFAULT_ROUTE.equals(route.destinationCidrBlock()))) {
            AwsErrors.call("CreateRoute", () -> ec2.createRoute(r -> r.routeTableId(table.routeTableId())
                    .destinationCidrBlock(DEFAULT_ROUTE).gatewayId(gateway.internetGatewayId())));
        }
        return find(clusterId, desired).orElse(found);
    }

    /** A network missing its gateway or routes is repaired; its CIDR cannot change in place. */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        Observation repaired = complete(clients.in(desired.region()), clusterId, desired, observed, dependencies);
        return super.update(clusterId, desired, repaired, dependencies);
    }

    /** Route table, then gateway, then VPC: each refuses to go while the next one still holds it. */
    @Override
    protected void remove(Ec2Client ec2, Observation observed) {
        String clusterId = observed.tags().get(OwnershipTags.CLUSTER);
        List<Filter> mine = OwnedTags.ofResource(clusterId, observed.name());
        for (RouteTable table : routeTables(ec2, mine)) {
            AwsErrors.removing("DeleteRouteTable", () -> ec2.deleteRouteTable(r -> r.routeTableId(table.routeTableId())));
        }
        for (InternetGateway gateway : gateways(ec2, mine)) {
            gateway.attachments().forEach(a -> AwsErrors.removing("DetachInternetGateway", () ->
                    ec2.detachInternetGateway(r -> r.internetGatewayId(gateway.internetGatewayId()).vpcId(a.vpcId()))));
            AwsErrors.removing("DeleteInternetGateway", () -> ec2.deleteInternetGateway(r -> r.internetGatewayId(gateway.internetGatewayId())));
        }
        AwsErrors.removing("DeleteVpc", () -> ec2.deleteVpc(r -> r.vpcId(observed.cloudId())));
    }

    /** The network's route table, which subnets join and VPN gateways propagate into; not there yet is retryable. */
    public static RouteTable routeTable(Ec2Client ec2, String clusterId, String networkName) {
        return routeTables(ec2, OwnedTags.ofResource(clusterId, networkName)).stream().findFirst()
                .orElseThrow(() -> new DependencyNotReadyException(networkName, "route table"));
    }

    private static boolean routedToInternet(Vpc vpc, InternetGateway gateway, RouteTable table) {
        return gateway != null && table != null
                && gateway.attachments().stream().anyMatch(a -> vpc.vpcId().equals(a.vpcId()))
                && table.routes().stream().anyMatch(route -> DEFAULT_ROUTE.equals(route.destinationCidrBlock())
                        && gateway.internetGatewayId().equals(route.gatewayId()));
    }

    private static List<InternetGateway> gateways(Ec2Client ec2, List<Filter> filters) {
        return AwsErrors.call("DescribeInternetGateways", () -> ec2.describeInternetGatewaysPaginator(r -> r.filters(filters).maxResults(1000))
                .internetGateways().stream().toList());
    }

    private static List<RouteTable> routeTables(Ec2Client ec2, List<Filter> filters) {
        return AwsErrors.call("DescribeRouteTables", () -> ec2.describeRouteTablesPaginator(r -> r.filters(filters).maxResults(100))
                .routeTables().stream().toList());
    }

    private static <T> Map<String, T> byResourceName(List<T> items, Function<T, List<Tag>> tags) {
        return items.stream()
                .filter(i -> OwnedTags.resourceName(tags.apply(i)) != null)
                .collect(Collectors.toMap(i -> OwnedTags.resourceName(tags.apply(i)), Function.identity(), (a, b) -> a));
    }
}
