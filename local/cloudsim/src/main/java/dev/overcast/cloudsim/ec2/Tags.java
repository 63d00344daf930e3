package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** CreateTags, DeleteTags and DescribeTags over every resource type of the front. */
final class Tags {

    private static final int MAX_TAGS = 50;
    private static final List<String> TYPES = List.of(Networks.VPC, Networks.SUBNET, SecurityGroups.SECURITY_GROUP,
            RouteTables.ROUTE_TABLE, Gateways.INTERNET_GATEWAY, Addresses.ELASTIC_IP, Vpn.VPN_GATEWAY, Vpn.CUSTOMER_GATEWAY,
            Vpn.VPN_CONNECTION, Instances.INSTANCE);
    /** EC2 names a missing resource by its id prefix: {@code InvalidVpcID.NotFound} and so on. */
    private static final Map<String, String> NOT_FOUND = Map.of(
            "vpc", "InvalidVpcID.NotFound", "subnet", "InvalidSubnetID.NotFound", "sg", "InvalidGroup.NotFound",
            "rtb", "InvalidRouteTableID.NotFound", "igw", "InvalidInternetGatewayID.NotFound",
            "eipalloc", "InvalidAllocationID.NotFound", "vgw", "InvalidVpnGatewayID.NotFound",
            "cgw", "InvalidCustomerGatewayID.NotFound", "vpn", "InvalidVpnConnectionID.NotFound", "i", "InvalidInstanceID.NotFound");
    private static final Pattern ID = Pattern.compile("([a-z]+)-[0-9a-f]+");

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("CreateTags", this::create);
        actions.put("DeleteTags", this::delete);
        actions.put("DescribeTags", this::describe);
    }

    private void create(Ec2Call call, Xml out) {
        List<SimResource> resources = named(call);
        List<Map<String, String>> tags = call.structs("Tag");
        for (Map<String, String> tag : tags) {
            String key = tag.get("Key");
            if (key == null || key.isEmpty() || key.length() > 127) {
                throw Ec2Call.invalid("Tag keys must be 1 to 127 characters long.");
            }
            if (key.toLowerCase().startsWith("aws:")) {
                throw Ec2Call.invalid("Tag keys starting with 'aws:' are reserved for internal use");
            }
        }
        for (SimResource resource : resources) {
            long added = tags.stream().filter(t -> !resource.tags().containsKey(t.get("Key"))).count();
            if (resource.tags().size() + added > MAX_TAGS) {
                throw new CloudError("TagLimitExceeded", "The maximum number of tags (" + MAX_TAGS + ") for resource " + resource.id() + " has been reached.");
            }
        }
        resources.forEach(r -> tags.forEach(t -> r.tags().put(t.get("Key"), t.getOrDefault("Value", ""))));
        out.el("return", true);
    }

    private void delete(Ec2Call call, Xml out) {
        List<SimResource> resources = named(call);
        List<Map<String, String>> tags = call.structs("Tag");
        for (SimResource resource : resources) {
            if (tags.isEmpty()) {
                resource.tags().clear();
            }
            for (Map<String, String> tag : tags) {
                String value = tag.get("Value");
                if (value == null || value.equals(resource.tags().get(tag.get("Key")))) {
                    resource.tags().remove(tag.get("Key"));
                }
            }
        }
        out.el("return", true);
    }

    private void describe(Ec2Call call, Xml out) {
        List<String[]> rows = new ArrayList<>();
        for (String type : TYPES) {
            for (SimResource resource : call.visible(type)) {
                resource.tags().forEach((key, value) -> rows.add(new String[] {resource.id(), type, key, value}));
            }
        }
        Page.write(call, out, "tagSet", Filters.rows(call, rows, List.of("resource-id", "resource-type", "key", "value")),
                (x, row) -> x.el("resourceId", row[0]).el("resourceType", row[1]).el("key", row[2]).el("value", row[3]));
    }

    private static List<SimResource> named(Ec2Call call) {
        List<String> ids = call.list("ResourceId");
        if (ids.isEmpty()) {
            throw new CloudError("MissingParameter", "The request must contain the parameter ResourceId");
        }
        List<SimResource> resources = new ArrayList<>();
        for (String id : ids) {
            var prefix = ID.matcher(id);
            if (!prefix.matches()) {
                throw new CloudError("InvalidID", "The ID '" + id + "' is not valid");
            }
            String code = NOT_FOUND.getOrDefault(prefix.group(1), "InvalidID");
            resources.add(call.world().find(Ec2Call.FRONT, call.account(), call.region(), id)
                    .filter(r -> !r.retired() || r.type().equals(Instances.INSTANCE))
                    .orElseThrow(() -> Ec2Call.notFound(code, "resource", id)));
        }
        return resources;
    }
}
