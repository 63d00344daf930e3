package dev.overcast.clouds.aws.firewall;

import static dev.overcast.core.cloud.PlannedAttributes.required;

import dev.overcast.clouds.aws.internal.AwsErrors;
import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.clouds.aws.internal.Ec2ResourceClient;
import dev.overcast.clouds.aws.internal.OwnedTags;
import dev.overcast.core.cloud.Dependencies;
import dev.overcast.core.cloud.Observation;
import dev.overcast.core.cloud.ResourceState;
import dev.overcast.core.cloud.kinds.FirewallView;
import dev.overcast.core.cloud.kinds.FirewallView.IngressRule;
import dev.overcast.core.cloud.kinds.FirewallView.Ports;
import dev.overcast.core.cloud.kinds.FirewallView.Protocol;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Resource;
import dev.overcast.core.plan.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * The {@code firewall} kind: a security group in the network's VPC whose ingress rules are exactly the
 * plan's. A security group has no lifecycle of its own, so it is ready as soon as it exists.
 * <p>
 * A rule travels as one {@link IpPermission} per source range, spelled as the EC2 API definition's
 * {@code IpPermission} shape says (shared/specs/aws/ec2.service-2.json): {@code IpProtocol} {@code -1} is
 * every protocol on every port, so it carries no ports; for ICMP {@code FromPort} is the type and
 * {@code ToPort} the code, {@code -1} meaning all, and all types need all codes.
 */
public final class SecurityGroupClient extends Ec2ResourceClient {

    private static final String EC2_ALL_PROTOCOLS = "-1";
    private static final int ANY = -1;

    public SecurityGroupClient(Ec2Clients clients) {
        super(ResourceKind.FIREWALL, clients);
    }

    @Override
    protected List<Observation> describe(Ec2Client ec2, String region, List<Filter> filters) {
        return AwsErrors.call("DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(r -> r.filters(filters).maxResults(1000))
                .securityGroups().stream()
                .flatMap(g -> observed(region, g.groupId(), ResourceState.READY,
                        attributes(Attributes.INGRESS, FirewallView.attribute(rules(g.ipPermissions()))), g.tags()).stream())
                .toList());
    }

    @Override
    protected Observation start(Ec2Client ec2, String clusterId, Resource desired, Dependencies dependencies) {
        List<IngressRule> wanted = FirewallView.ingress(desired);
        String vpcId = dependencies.require(required(desired, Attributes.NETWORK_REF)).cloudId();
        CreateSecurityGroupResponse response = AwsErrors.call("CreateSecurityGroup", () -> ec2.createSecurityGroup(r -> r
                .groupName(desired.name())
                .description("Overcast firewall " + desired.name() + " of cluster " + clusterId)
                .vpcId(vpcId)
                .tagSpecifications(OwnedTags.specification(ResourceType.SECURITY_GROUP, clusterId, desired.name()))));
        Observation empty = created(clusterId, desired, response.groupId(), ResourceState.READY, attributes(Attributes.INGRESS, ""));
        return converge(ec2, empty, List.of(), wanted);
    }

    /** Authorizes the rules that are missing and revokes the ones nobody planned. */
    @Override
    public Observation update(String clusterId, Resource desired, Observation observed, Dependencies dependencies) {
        Observation converged = converge(clients.in(desired.region()), observed, FirewallView.ingress(observed), FirewallView.ingress(desired));
        return super.update(clusterId, desired, converged, dependencies);
    }

    @Override
    protected void remove(Ec2Client ec2, Observation observed) {
        AwsErrors.removing("DeleteSecurityGroup", () -> ec2.deleteSecurityGroup(r -> r.groupId(observed.cloudId())));
    }

    private Observation converge(Ec2Client ec2, Observation observed, List<IngressRule> present, List<IngressRule> wanted) {
        List<IpPermission> missing = wanted.stream().filter(rule -> !present.contains(rule)).map(SecurityGroupClient::permission).toList();
        List<IpPermission> unplanned = present.stream().filter(rule -> !wanted.contains(rule)).map(SecurityGroupClient::permission).toList();
        if (!missing.isEmpty()) {
            // The observation may predate an authorize whose answer was lost; the rule is then in place.
            AwsErrors.unlessDone("AuthorizeSecurityGroupIngress", "InvalidPermission.Duplicate",
                    () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(observed.cloudId()).ipPermissions(missing)));
        }
        if (!unplanned.isEmpty()) {
            AwsErrors.unlessDone("RevokeSecurityGroupIngress", "InvalidPermission.NotFound",
                    () -> ec2.revokeSecurityGroupIngress(r -> r.groupId(observed.cloudId()).ipPermissions(unplanned)));
        }
        Map<String, String> attributes = new TreeMap<>(observed.attributes());
        attributes.put(Attributes.INGRESS, FirewallView.attribute(wanted));
        return new Observation(observed.name(), observed.kind(), observed.cloud(), observed.region(), observed.cloudId(),
                observed.state(), new TreeMap<>(attributes), observed.tags());
    }

    static IpPermission permission(IngressRule rule) {
        IpPermission.Builder permission = IpPermission.builder().ipRanges(IpRange.builder().cidrIp(rule.sourceCidr()).build());
        return switch (rule.protocol()) {
            case ALL -> permission.ipProtocol(EC2_ALL_PROTOCOLS).build();
            case ICMP -> permission.ipProtocol(rule.protocol().word())
                    .fromPort(rule.ports().every() ? ANY : rule.ports().from()).toPort(ANY).build();
            case TCP, UDP -> permission.ipProtocol(rule.protocol().word()).fromPort(rule.ports().from()).toPort(rule.ports().to()).build();
        };
    }

    /**
     * The rules of EC2 permissions, one per IPv4 range; IPv6 and group sources, and protocols the planner
     * never writes, are not Overcast's and are left as they are.
     */
    static List<IngressRule> rules(List<IpPermission> permissions) {
        List<IngressRule> rules = new ArrayList<>();
        for (IpPermission permission : permissions) {
            Optional<Protocol> protocol = EC2_ALL_PROTOCOLS.equals(permission.ipProtocol())
                    ? Optional.of(Protocol.ALL) : Protocol.of(permission.ipProtocol());
            protocol.ifPresent(p -> permission.ipRanges()
                    .forEach(range -> rules.add(new IngressRule(p, ports(p, permission), range.cidrIp()))));
        }
        return rules;
    }

    private static Ports ports(Protocol protocol, IpPermission permission) {
        int from = Optional.ofNullable(permission.fromPort()).orElse(ANY);
        return switch (protocol) {
            case ALL -> Ports.EVERY;
            case ICMP -> from == ANY ? Ports.EVERY : Ports.one(from);
            case TCP, UDP -> from == ANY ? Ports.EVERY : new Ports(from, permission.toPort());
        };
    }
}
