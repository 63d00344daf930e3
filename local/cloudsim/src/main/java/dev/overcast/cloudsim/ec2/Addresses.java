package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import java.util.List;
import java.util.Map;

/** Elastic IP addresses and their association with instances. */
final class Addresses {

    static final String ELASTIC_IP = "elastic-ip";

    private static final Filters FILTERS = Filters.of(Map.of(
            "allocation-id", Filters.id(),
            "public-ip", Filters.attribute("publicIp"),
            "association-id", Filters.attribute("associationId"),
            "instance-id", Filters.attribute("instanceId"),
            "private-ip-address", Filters.attribute("privateIpAddress"),
            "domain", Filters.attribute("domain"),
            "network-border-group", Filters.attribute("networkBorderGroup")));

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("AllocateAddress", this::allocate);
        actions.put("DescribeAddresses", this::describe);
        actions.put("ReleaseAddress", this::release);
        actions.put("AssociateAddress", this::associate);
        actions.put("DisassociateAddress", this::disassociate);
    }

    /** A terminated instance lets go of its address, as EC2 does. */
    static void releaseFrom(Ec2Call call, String instanceId) {
        call.live(ELASTIC_IP).stream().filter(a -> instanceId.equals(a.attribute("instanceId"))).forEach(a -> clear(call, a));
    }

    private void allocate(Ec2Call call, Xml out) {
        String domain = call.param("Domain", "vpc");
        if (!domain.equals("vpc")) {
            throw Ec2Call.invalid("Invalid value '" + domain + "' for domain: only 'vpc' is supported.");
        }
        SimResource address = call.create(ELASTIC_IP, "eipalloc", "available", "available", "elastic-ip", r -> {
            r.attributes().put("publicIp", call.world().newPublicAddress(54));
            r.attributes().put("domain", "vpc");
            r.attributes().put("publicIpv4Pool", "amazon");
            r.attributes().put("networkBorderGroup", call.region());
        });
        out.el("publicIp", address.attribute("publicIp")).el("allocationId", address.id())
                .el("publicIpv4Pool", "amazon").el("networkBorderGroup", call.region()).el("domain", "vpc");
    }

    private void describe(Ec2Call call, Xml out) {
        List<SimResource> addresses = call.describe(ELASTIC_IP, "AllocationId", "InvalidAllocationID.NotFound", FILTERS);
        List<String> publicIps = call.list("PublicIp");
        for (String ip : publicIps) {
            if (addresses.stream().noneMatch(a -> ip.equals(a.attribute("publicIp")))) {
                throw new CloudError("InvalidAddress.NotFound", "Address '" + ip + "' not found.");
            }
        }
        out.start("addressesSet");
        addresses.stream().filter(a -> publicIps.isEmpty() || publicIps.contains(a.attribute("publicIp"))).forEach(a -> out.start("item")
                .el("publicIp", a.attribute("publicIp"))
                .el("allocationId", a.id())
                .el("domain", a.attribute("domain"))
                .el("instanceId", a.attribute("instanceId"))
                .el("associationId", a.attribute("associationId"))
                .el("privateIpAddress", a.attribute("privateIpAddress"))
                .el("publicIpv4Pool", a.attribute("publicIpv4Pool"))
                .el("networkBorderGroup", a.attribute("networkBorderGroup"))
                .tags(a.tags())
                .end());
        out.end();
    }

    private void release(Ec2Call call, Xml out) {
        SimResource address = call.require(ELASTIC_IP, call.required("AllocationId"), "InvalidAllocationID.NotFound");
        if (address.attribute("associationId") != null) {
            throw new CloudError("InvalidIPAddress.InUse", "Address " + address.attribute("publicIp") + " is in use.");
        }
        call.world().delete(address);
        out.el("return", true);
    }

    private void associate(Ec2Call call, Xml out) {
        SimResource address = call.require(ELASTIC_IP, call.required("AllocationId"), "InvalidAllocationID.NotFound");
        SimResource instance = call.require(Instances.INSTANCE, call.required("InstanceId"), "InvalidInstanceID.NotFound");
        String state = instance.state(call.now());
        if (!state.equals("running") && !state.equals("stopped")) {
            throw new CloudError("IncorrectInstanceState", "The instance '" + instance.id() + "' is not in a valid state for this operation.");
        }
        boolean reassociate = call.flag("AllowReassociation");
        if (address.attribute("associationId") != null && !instance.id().equals(address.attribute("instanceId")) && !reassociate) {
            throw new CloudError("Resource.AlreadyAssociated", "resource " + address.id() + " is already associated with associate-id "
                    + address.attribute("associationId"));
        }
        call.live(ELASTIC_IP).stream().filter(other -> instance.id().equals(other.attribute("instanceId"))).forEach(a -> clear(call, a));
        String associationId = call.world().newId("eipassoc");
        address.attributes().put("associationId", associationId);
        address.attributes().put("instanceId", instance.id());
        address.attributes().put("privateIpAddress", instance.attribute("privateIpAddress"));
        instance.attributes().put("ipAddress", address.attribute("publicIp"));
        out.el("associationId", associationId);
    }

    private void disassociate(Ec2Call call, Xml out) {
        String associationId = call.required("AssociationId");
        SimResource address = call.live(ELASTIC_IP).stream()
                .filter(a -> associationId.equals(a.attribute("associationId"))).findFirst()
                .orElseThrow(() -> new CloudError("InvalidAssociationID.NotFound", "The association ID '" + associationId + "' does not exist"));
        clear(call, address);
        out.el("return", true);
    }

    private static void clear(Ec2Call call, SimResource address) {
        String instanceId = address.attribute("instanceId");
        if (instanceId != null) {
            call.world().find(Ec2Call.FRONT, call.account(), call.region(), instanceId)
                    .ifPresent(instance -> instance.attributes().remove("ipAddress"));
        }
        address.attributes().remove("associationId");
        address.attributes().remove("privateIpAddress");
        address.attributes().remove("instanceId");
    }
}
