package dev.overcast.clouds.aws.preflight;

import dev.overcast.clouds.aws.internal.Ec2Clients;
import dev.overcast.core.Cloud;
import dev.overcast.core.preflight.Check;
import dev.overcast.core.preflight.CloudDemand;
import dev.overcast.core.preflight.CloudPreflight;
import dev.overcast.core.preflight.RegionDemand;
import dev.overcast.core.spec.InstanceCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpnState;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The AWS preflight: STS {@code GetCallerIdentity} through the configured credentials (so an assumed role
 * is assumed), EC2 {@code DryRun} of every create call the adapter makes ({@code DryRunOperation} = allowed,
 * {@code UnauthorizedOperation} = denied), Service Quotas against what the plan needs (VPCs, Elastic IPs,
 * virtual private gateways, standard on-demand vCPUs) less what the region already holds, and
 * {@code DescribeInstanceTypeOfferings} for the zones the plan places instances in.
 */
public final class AwsPreflight implements CloudPreflight {

    private static final String REMEDY_GRANT = "grant the action named in the detail: update the role's stack from "
            + "onboarding/aws/overcast-role.yaml";
    private static final InstanceCatalog CATALOG = InstanceCatalog.standard();
    /** Well-formed placeholders: a dry run needs a valid request shape, never a real resource. */
    private static final String VPC = "vpc-0123456789abcdef0";
    private static final String CGW = "cgw-0123456789abcdef0";
    private static final String VGW = "vgw-0123456789abcdef0";
    private static final String SG = "sg-0123456789abcdef0";
    private static final String SUBNET = "subnet-0123456789abcdef0";

    private final Ec2Clients clients;
    private final String stsRegion;

    public AwsPreflight(Ec2Clients clients, String stsRegion) {
        this.clients = clients;
        this.stsRegion = stsRegion;
    }

    @Override
    public Cloud cloud() {
        return Cloud.AWS;
    }

    @Override
    public List<Check> run(CloudDemand demand) {
        List<Check> checks = new ArrayList<>();
        try (StsClient sts = clients.asAccount(StsClient.builder(), stsRegion).build()) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            checks.add(Check.pass(Cloud.AWS, Check.ACCOUNT, "credentials", "account " + identity.account() + " as " + identity.arn()));
        } catch (SdkException e) {
            checks.add(Check.fail(Cloud.AWS, Check.ACCOUNT, "credentials", message(e),
                    "check the role ARN and ExternalId Overcast is given, and that the role's trust policy names Overcast's "
                            + "account and that ExternalId (onboarding/aws/overcast-role.yaml)"));
            return checks;
        }
        for (RegionDemand region : demand.regions()) {
            Ec2Client ec2 = clients.in(region.region());
            dryRuns(ec2, region).forEach((action, call) -> checks.add(dryRun(region.region(), action, call)));
            checks.addAll(quotas(ec2, region));
            checks.add(offerings(ec2, region));
        }
        return checks;
    }

    private static Map<String, Consumer<Ec2Client>> dryRuns(Ec2Client ec2, RegionDemand region) {
        String type = region.instanceTypes().keySet().stream().findFirst().orElse("m6i.large");
        TagSpecification tags = TagSpecification.builder().resourceType(ResourceType.VPC)
                .tags(t -> t.key("overcast:cluster").value("preflight")).build();
        Map<String, Consumer<Ec2Client>> calls = new java.util.LinkedHashMap<>();
        calls.put("CreateVpc", c -> c.createVpc(r -> r.dryRun(true).cidrBlock("10.255.0.0/16").tagSpecifications(tags)));
        calls.put("CreateInternetGateway", c -> c.createInternetGateway(r -> r.dryRun(true)));
        calls.put("CreateRouteTable", c -> c.createRouteTable(r -> r.dryRun(true).vpcId(VPC)));
        calls.put("CreateSubnet", c -> c.createSubnet(r -> r.dryRun(true).vpcId(VPC).cidrBlock("10.255.0.0/24")));
        calls.put("CreateSecurityGroup", c -> c.createSecurityGroup(r -> r.dryRun(true).vpcId(VPC).groupName("overcast-preflight")
                .description("overcast preflight")));
        calls.put("AuthorizeSecurityGroupIngress", c -> c.authorizeSecurityGroupIngress(r -> r.dryRun(true).groupId(SG)
                .ipPermissions(p -> p.ipProtocol("tcp").fromPort(6443).toPort(6443).ipRanges(ip -> ip.cidrIp("10.0.0.0/8")))));
        calls.put("AllocateAddress", c -> c.allocateAddress(r -> r.dryRun(true).domain("vpc")));
        calls.put("CreateVpnGateway", c -> c.createVpnGateway(r -> r.dryRun(true).type("ipsec.1").amazonSideAsn(64512L)));
        calls.put("CreateCustomerGateway", c -> c.createCustomerGateway(r -> r.dryRun(true).type("ipsec.1").bgpAsn(65000)
                .ipAddress("203.0.113.10")));
        calls.put("CreateVpnConnection", c -> c.createVpnConnection(r -> r.dryRun(true).type("ipsec.1").customerGatewayId(CGW)
                .vpnGatewayId(VGW)));
        calls.put("RunInstances", c -> c.runInstances(r -> r.dryRun(true).imageId(CATALOG.image(Cloud.AWS)).instanceType(type)
                .minCount(1).maxCount(1).subnetId(SUBNET)));
        return calls;
    }

    private Check dryRun(String region, String action, Consumer<Ec2Client> call) {
        String name = "dry run " + action;
        try {
            call.accept(clients.in(region));
            // A dry run never succeeds: EC2 answers DryRunOperation when it would have.
            return Check.fail(Cloud.AWS, region, name, "EC2 carried out a dry run", "report this: EC2 ignored DryRun");
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (code.equals("DryRunOperation")) {
                return Check.pass(Cloud.AWS, region, name, "allowed");
            }
            if (code.equals("UnauthorizedOperation")) {
                return Check.fail(Cloud.AWS, region, name, message(e), REMEDY_GRANT);
            }
            // EC2 checks authorisation first: any other refusal is about the placeholder request, not the grant.
            return Check.pass(Cloud.AWS, region, name, "allowed (EC2 answered " + code + " to the placeholder request)");
        } catch (SdkException e) {
            return Check.fail(Cloud.AWS, region, name, message(e), "check the network path to EC2 in " + region + " and retry");
        }
    }

    private List<Check> quotas(Ec2Client ec2, RegionDemand region) {
        String at = region.region();
        Map<String, Double> limits = new HashMap<>();
        try (ServiceQuotasClient quotas = clients.asAccount(ServiceQuotasClient.builder(), at).build()) {
            for (String service : List.of("vpc", "ec2")) {
                quotas.listServiceQuotasPaginator(r -> r.serviceCode(service)).quotas()
                        .forEach((ServiceQuota q) -> limits.put(q.quotaName(), q.value()));
            }
        } catch (SdkException e) {
            return List.of(Check.fail(Cloud.AWS, at, "quotas", message(e),
                    "grant servicequotas:ListServiceQuotas (onboarding/aws/overcast-role.yaml)"));
        }
        int vpcs = ec2.describeVpcs().vpcs().size();
        int addresses = ec2.describeAddresses().addresses().size();
        long gateways = ec2.describeVpnGateways().vpnGateways().stream()
                .filter(g -> g.state() == VpnState.PENDING || g.state() == VpnState.AVAILABLE).count();
        long vcpusInUse = ec2.describeInstancesPaginator(r -> r.filters(Filter.builder().name("instance-state-name")
                        .values("pending", "running").build())).reservations().stream()
                .flatMap(r -> r.instances().stream()).mapToLong(AwsPreflight::vcpus).sum();
        long vcpusNeeded = region.instanceTypes().entrySet().stream()
                .mapToLong(e -> (long) CATALOG.vcpus(Cloud.AWS, e.getKey()).orElse(0) * e.getValue()).sum();
        String remedy = "request an increase in Service Quotas (%s) for " + at + ", or free some";
        return List.of(
                quota(at, "VPCs per Region", limits, vpcs, region.networks(), remedy),
                quota(at, "EC2-VPC Elastic IPs", limits, addresses, region.publicIps(), remedy),
                quota(at, "Virtual private gateways per Region", limits, gateways, region.vpnGateways(), remedy),
                quota(at, "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", limits, vcpusInUse, vcpusNeeded, remedy));
    }

    private static Check quota(String region, String name, Map<String, Double> limits, long used, long needed, String remedy) {
        Double limit = limits.get(name);
        if (limit == null) {
            return Check.fail(Cloud.AWS, region, "quota " + name, "Service Quotas does not report it",
                    "check the quota in the Service Quotas console for " + region);
        }
        return Check.quota(Cloud.AWS, region, name, limit.longValue(), used, needed, remedy.formatted(name));
    }

    private static long vcpus(Instance instance) {
        return CATALOG.vcpus(Cloud.AWS, instance.instanceTypeAsString()).map(Integer::longValue).orElseGet(() ->
                instance.cpuOptions() == null ? 0L : (long) instance.cpuOptions().coreCount() * instance.cpuOptions().threadsPerCore());
    }

    private static Check offerings(Ec2Client ec2, RegionDemand region) {
        Set<String> offered = new HashSet<>();
        for (InstanceTypeOffering o : ec2.describeInstanceTypeOfferingsPaginator(r -> r.locationType(LocationType.AVAILABILITY_ZONE)
                .filters(Filter.builder().name("instance-type").values(region.instanceTypes().keySet()).build())).instanceTypeOfferings()) {
            offered.add(o.instanceTypeAsString() + "@" + o.location());
        }
        List<String> missing = new ArrayList<>();
        for (String type : region.instanceTypes().keySet()) {
            if (region.zones().isEmpty()) {
                if (offered.stream().noneMatch(o -> o.startsWith(type + "@"))) {
                    missing.add(type);
                }
            } else {
                region.zones().stream().filter(zone -> !offered.contains(type + "@" + zone)).forEach(zone -> missing.add(type + " in " + zone));
            }
        }
        String name = "offers " + String.join(", ", region.instanceTypes().keySet());
        return missing.isEmpty() ? Check.pass(Cloud.AWS, region.region(), name, "offered in " + (region.zones().isEmpty() ? region.region()
                : String.join(", ", region.zones())))
                : Check.fail(Cloud.AWS, region.region(), name, "not offered: " + String.join(", ", missing),
                        "choose another size or region in the spec (./overcast plan shows the choice)");
    }

    private static String message(SdkException e) {
        return e instanceof AwsServiceException s && s.awsErrorDetails() != null
                ? s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage() : e.getMessage();
    }
}
