package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import java.util.LinkedHashMap;
import java.util.Map;

/** Internet gateways and their VPC attachment. */
final class Gateways {

    static final String INTERNET_GATEWAY = "internet-gateway";

    private static final Filters FILTERS = Filters.of(Map.of(
            "internet-gateway-id", Filters.id(),
            "owner-id", Filters.attribute("ownerId"),
            "attachment.vpc-id", Filters.listed("attachments", "vpcId"),
            "attachment.state", Filters.listed("attachments", "state")));

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("CreateInternetGateway", this::create);
        actions.put("DescribeInternetGateways", this::describe);
        actions.put("AttachInternetGateway", this::attach);
        actions.put("DetachInternetGateway", this::detach);
        actions.put("DeleteInternetGateway", this::delete);
    }

    private void create(Ec2Call call, Xml out) {
        SimResource gateway = call.create(INTERNET_GATEWAY, "igw", "available", "available", "internet-gateway",
                r -> r.attributes().put("ownerId", call.account()));
        render(out.start("internetGateway"), gateway).end();
    }

    private void describe(Ec2Call call, Xml out) {
        Page.write(call, out, "internetGatewaySet",
                call.describe(INTERNET_GATEWAY, "InternetGatewayId", "InvalidInternetGatewayID.NotFound", FILTERS), Gateways::render);
    }

    private void attach(Ec2Call call, Xml out) {
        SimResource gateway = call.require(INTERNET_GATEWAY, call.required("InternetGatewayId"), "InvalidInternetGatewayID.NotFound");
        SimResource vpc = call.require(Networks.VPC, call.required("VpcId"), "InvalidVpcID.NotFound");
        if (!gateway.list("attachments").isEmpty()) {
            throw new CloudError("Resource.AlreadyAssociated", "resource " + gateway.id() + " is already attached to network "
                    + gateway.list("attachments").get(0).get("vpcId"));
        }
        boolean vpcHasOne = call.live(INTERNET_GATEWAY).stream()
                .anyMatch(other -> other.list("attachments").stream().anyMatch(a -> vpc.id().equals(a.get("vpcId"))));
        if (vpcHasOne) {
            throw new CloudError("Resource.AlreadyAssociated", "Network " + vpc.id() + " already has an internet gateway attached");
        }
        gateway.list("attachments").add(new LinkedHashMap<>(Map.of("vpcId", vpc.id(), "state", "available")));
        gateway.dependsOn().add(vpc.id());
        out.el("return", true);
    }

    private void detach(Ec2Call call, Xml out) {
        SimResource gateway = call.require(INTERNET_GATEWAY, call.required("InternetGatewayId"), "InvalidInternetGatewayID.NotFound");
        String vpcId = call.required("VpcId");
        if (!gateway.list("attachments").removeIf(a -> vpcId.equals(a.get("vpcId")))) {
            throw new CloudError("Gateway.NotAttached", "resource " + gateway.id() + " is not attached to network " + vpcId);
        }
        gateway.dependsOn().remove(vpcId);
        out.el("return", true);
    }

    private void delete(Ec2Call call, Xml out) {
        SimResource gateway = call.require(INTERNET_GATEWAY, call.required("InternetGatewayId"), "InvalidInternetGatewayID.NotFound");
        if (!gateway.list("attachments").isEmpty()) {
            throw new CloudError(CloudError.DEPENDENCY_VIOLATION,
                    "The internetGateway '" + gateway.id() + "' has dependencies and cannot be deleted.");
        }
        call.world().delete(gateway);
        out.el("return", true);
    }

    private static Xml render(Xml out, SimResource gateway) {
        out.el("internetGatewayId", gateway.id()).el("ownerId", gateway.attribute("ownerId")).start("attachmentSet");
        gateway.list("attachments").forEach(a -> out.start("item").el("vpcId", a.get("vpcId")).el("state", a.get("state")).end());
        return out.end().tags(gateway.tags());
    }
}
