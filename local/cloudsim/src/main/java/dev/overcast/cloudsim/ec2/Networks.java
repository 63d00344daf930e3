package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import java.time.Instant;
import java.util.Map;

/** VPCs and subnets. */
final class Networks {

    static final String VPC = "vpc";
    static final String SUBNET = "subnet";

    private static final Filters VPC_FILTERS = Filters.of(Map.of(
            "vpc-id", Filters.id(),
            "cidr", Filters.attribute("cidrBlock"),
            "cidr-block-association.cidr-block", Filters.attribute("cidrBlock"),
            "is-default", Filters.attribute("isDefault"),
            "owner-id", Filters.attribute("ownerId"),
            "state", Filters.state()));

    private static final Filters SUBNET_FILTERS = Filters.of(Map.of(
            "subnet-id", Filters.id(),
            "vpc-id", Filters.attribute("vpcId"),
            "cidr-block", Filters.attribute("cidrBlock"),
            "availability-zone", Filters.attribute("availabilityZone"),
            "availability-zone-id", Filters.attribute("availabilityZoneId"),
            "owner-id", Filters.attribute("ownerId"),
            "state", Filters.state()));

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("CreateVpc", this::createVpc);
        actions.put("DescribeVpcs", this::describeVpcs);
        actions.put("DeleteVpc", this::deleteVpc);
        actions.put("ModifyVpcAttribute", this::modifyVpcAttribute);
        actions.put("CreateSubnet", this::createSubnet);
        actions.put("DescribeSubnets", this::describeSubnets);
        actions.put("DeleteSubnet", this::deleteSubnet);
    }

    private void createVpc(Ec2Call call, Xml out) {
        // "InvalidVpc.Range: The specified CIDR block range is not valid. The block range must be between a /28
        // netmask and /16 netmask." (EC2 API reference, Error codes)
        String cidr = Cidr.parse("CidrBlock", call.required("CidrBlock"), 16, 28, "InvalidVpc.Range").toCanonicalString();
        String tenancy = call.param("InstanceTenancy", "default");
        SimResource vpc = call.create(VPC, "vpc", "pending", "available", "vpc", r -> {
            r.attributes().put("cidrBlock", cidr);
            r.attributes().put("instanceTenancy", tenancy);
            r.attributes().put("dhcpOptionsId", "default");
            r.attributes().put("isDefault", "false");
            r.attributes().put("ownerId", call.account());
            r.attributes().put("enableDnsSupport", "true");
            r.attributes().put("enableDnsHostnames", "false");
        });
        RouteTables.createMain(call, vpc);
        SecurityGroups.createDefault(call, vpc);
        renderVpc(out.start("vpc"), vpc, call.now()).end();
    }

    private void describeVpcs(Ec2Call call, Xml out) {
        Page.write(call, out, "vpcSet", call.describe(VPC, "VpcId", "InvalidVpcID.NotFound", VPC_FILTERS),
                (x, vpc) -> renderVpc(x, vpc, call.now()));
    }

    private void deleteVpc(Ec2Call call, Xml out) {
        SimResource vpc = call.require(VPC, call.required("VpcId"), "InvalidVpcID.NotFound");
        // The main route table and the default group go with their VPC; anything else blocks the delete.
        for (SimResource owned : call.world().dependents(vpc)) {
            if (!vpc.id().equals(owned.attribute("createdWith"))) {
                throw new CloudError(CloudError.DEPENDENCY_VIOLATION,
                        "The vpc '" + vpc.id() + "' has dependencies and cannot be deleted.");
            }
        }
        call.world().dependents(vpc).forEach(owned -> call.world().delete(owned));
        call.world().delete(vpc);
        out.el("return", true);
    }

    private void modifyVpcAttribute(Ec2Call call, Xml out) {
        SimResource vpc = call.require(VPC, call.required("VpcId"), "InvalidVpcID.NotFound");
        String support = call.param("EnableDnsSupport.Value");
        String hostnames = call.param("EnableDnsHostnames.Value");
        if (support == null && hostnames == null) {
            throw Ec2Call.invalid("The request must contain exactly one of EnableDnsSupport or EnableDnsHostnames.");
        }
        if (support != null) {
            vpc.attributes().put("enableDnsSupport", String.valueOf(Boolean.parseBoolean(support)));
        }
        if (hostnames != null) {
            vpc.attributes().put("enableDnsHostnames", String.valueOf(Boolean.parseBoolean(hostnames)));
        }
        out.el("return", true);
    }

    private void createSubnet(Ec2Call call, Xml out) {
        SimResource vpc = call.require(VPC, call.required("VpcId"), "InvalidVpcID.NotFound");
        String cidr = Cidr.parse("CidrBlock", call.required("CidrBlock"), 16, 28, "InvalidSubnet.Range").toCanonicalString();
        if (!Cidr.contains(vpc.attribute("cidrBlock"), cidr)) {
            throw new CloudError("InvalidSubnet.Range", "The CIDR '" + cidr + "' is invalid.");
        }
        for (SimResource other : call.live(SUBNET)) {
            if (vpc.id().equals(other.attribute("vpcId")) && Cidr.overlaps(other.attribute("cidrBlock"), cidr)) {
                throw new CloudError("InvalidSubnet.Conflict", "The CIDR '" + cidr + "' conflicts with another subnet");
            }
        }
        String zone = call.param("AvailabilityZone", call.region() + "a");
        if (!Regions.knownZone(call.region(), zone)) {
            throw Ec2Call.invalid("Value (" + zone + ") for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: "
                    + String.join(", ", Regions.ZONE_LETTERS.stream().map(l -> call.region() + l).toList()) + ".");
        }
        SimResource subnet = call.create(SUBNET, "subnet", "pending", "available", "subnet", r -> {
            r.attributes().put("vpcId", vpc.id());
            r.attributes().put("cidrBlock", cidr);
            r.attributes().put("availabilityZone", zone);
            r.attributes().put("availabilityZoneId", Regions.zoneId(zone));
            r.attributes().put("availableIpAddressCount", String.valueOf(Cidr.size(cidr) - 5));
            r.attributes().put("mapPublicIpOnLaunch", "false");
            r.attributes().put("ownerId", call.account());
            r.attributes().put("subnetArn", "arn:aws:ec2:" + call.region() + ":" + call.account() + ":subnet/" + r.id());
            r.dependsOn().add(vpc.id());
        });
        renderSubnet(out.start("subnet"), subnet, call.now()).end();
    }

    private void describeSubnets(Ec2Call call, Xml out) {
        Page.write(call, out, "subnetSet", call.describe(SUBNET, "SubnetId", "InvalidSubnetID.NotFound", SUBNET_FILTERS),
                (x, subnet) -> renderSubnet(x, subnet, call.now()));
    }

    private void deleteSubnet(Ec2Call call, Xml out) {
        SimResource subnet = call.require(SUBNET, call.required("SubnetId"), "InvalidSubnetID.NotFound");
        RouteTables.forgetAssociations(call, subnet.id());
        call.world().delete(subnet);
        out.el("return", true);
    }

    private static Xml renderVpc(Xml out, SimResource vpc, Instant now) {
        return out.el("vpcId", vpc.id())
                .el("ownerId", vpc.attribute("ownerId"))
                .el("state", vpc.state(now))
                .el("cidrBlock", vpc.attribute("cidrBlock"))
                .start("cidrBlockAssociationSet").start("item")
                .el("associationId", "vpc-cidr-assoc-" + vpc.id().substring(4))
                .el("cidrBlock", vpc.attribute("cidrBlock"))
                .start("cidrBlockState").el("state", "associated").end()
                .end().end()
                .el("dhcpOptionsId", vpc.attribute("dhcpOptionsId"))
                .el("instanceTenancy", vpc.attribute("instanceTenancy"))
                .el("isDefault", vpc.attribute("isDefault"))
                .tags(vpc.tags());
    }

    private static Xml renderSubnet(Xml out, SimResource subnet, Instant now) {
        return out.el("subnetId", subnet.id())
                .el("subnetArn", subnet.attribute("subnetArn"))
                .el("state", subnet.state(now))
                .el("ownerId", subnet.attribute("ownerId"))
                .el("vpcId", subnet.attribute("vpcId"))
                .el("cidrBlock", subnet.attribute("cidrBlock"))
                .el("availableIpAddressCount", subnet.attribute("availableIpAddressCount"))
                .el("availabilityZone", subnet.attribute("availabilityZone"))
                .el("availabilityZoneId", subnet.attribute("availabilityZoneId"))
                .el("defaultForAz", false)
                .el("mapPublicIpOnLaunch", subnet.attribute("mapPublicIpOnLaunch"))
                .tags(subnet.tags());
    }
}
