package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Route tables, their routes, subnet associations and VGW route propagation. */
final class RouteTables {

    static final String ROUTE_TABLE = "route-table";

    private static final Filters FILTERS = Filters.of(Map.of(
            "route-table-id", Filters.id(),
            "vpc-id", Filters.attribute("vpcId"),
            "owner-id", Filters.attribute("ownerId"),
            "association.main", Filters.listed("associations", "main"),
            "association.subnet-id", Filters.listed("associations", "subnetId"),
            "association.route-table-association-id", Filters.listed("associations", "routeTableAssociationId"),
            "route.destination-cidr-block", Filters.listed("routes", "destinationCidrBlock"),
            "route.gateway-id", Filters.listed("routes", "gatewayId")));

    private final Idempotency idempotency;

    RouteTables(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("CreateRouteTable", this::create);
        actions.put("DescribeRouteTables", this::describe);
        actions.put("DeleteRouteTable", this::delete);
        actions.put("CreateRoute", this::createRoute);
        actions.put("DeleteRoute", this::deleteRoute);
        actions.put("AssociateRouteTable", this::associate);
        actions.put("DisassociateRouteTable", this::disassociate);
        actions.put("EnableVgwRoutePropagation", (call, out) -> propagate(call, out, true));
        actions.put("DisableVgwRoutePropagation", (call, out) -> propagate(call, out, false));
    }

    /** The main route table EC2 makes with every VPC: a local route, associated as main. */
    static void createMain(Ec2Call call, SimResource vpc) {
        SimResource table = newTable(call, vpc, "none");
        table.attributes().put("createdWith", vpc.id());
        table.list("associations").add(new LinkedHashMap<>(Map.of(
                "routeTableAssociationId", call.world().newId("rtbassoc"), "main", "true")));
    }

    /** A deleted subnet's association goes with it. */
    static void forgetAssociations(Ec2Call call, String subnetId) {
        call.live(ROUTE_TABLE).forEach(table -> table.list("associations").removeIf(a -> subnetId.equals(a.get("subnetId"))));
    }

    private static SimResource newTable(Ec2Call call, SimResource vpc, String tagType) {
        return call.create(ROUTE_TABLE, "rtb", "available", "available", tagType, r -> {
            r.attributes().put("vpcId", vpc.id());
            r.attributes().put("ownerId", call.account());
            r.list("routes").add(route(vpc.attribute("cidrBlock"), "gatewayId", "local", "CreateRouteTable"));
            r.dependsOn().add(vpc.id());
        });
    }

    private void create(Ec2Call call, Xml out) {
        SimResource table = idempotency.earlier(call)
                .map(made -> made.get(0))
                .orElseGet(() -> {
                    SimResource vpc = call.require(Networks.VPC, call.required("VpcId"), "InvalidVpcID.NotFound");
                    SimResource created = newTable(call, vpc, "route-table");
                    idempotency.remember(call, List.of(created));
                    return created;
                });
        render(out.start("routeTable"), table).end().el("clientToken", call.param("ClientToken"));
    }

    private void describe(Ec2Call call, Xml out) {
        Page.write(call, out, "routeTableSet",
                call.describe(ROUTE_TABLE, "RouteTableId", "InvalidRouteTableID.NotFound", FILTERS), RouteTables::render);
    }

    private void delete(Ec2Call call, Xml out) {
        SimResource table = call.require(ROUTE_TABLE, call.required("RouteTableId"), "InvalidRouteTableID.NotFound");
        if (!table.list("associations").isEmpty()) {
            throw new CloudError(CloudError.DEPENDENCY_VIOLATION,
                    "The routeTable '" + table.id() + "' has dependencies and cannot be deleted.");
        }
        call.world().delete(table);
        out.el("return", true);
    }

    private void createRoute(Ec2Call call, Xml out) {
        SimResource table = call.require(ROUTE_TABLE, call.required("RouteTableId"), "InvalidRouteTableID.NotFound");
        String destination = Cidr.parse("DestinationCidrBlock", call.required("DestinationCidrBlock"), 0, 32).toCanonicalString();
        String target = null;
        String targetField = null;
        for (String field : List.of("GatewayId", "InstanceId", "NetworkInterfaceId", "NatGatewayId", "TransitGatewayId",
                "VpcPeeringConnectionId")) {
            if (call.param(field) != null) {
                target = call.param(field);
                targetField = Character.toLowerCase(field.charAt(0)) + field.substring(1);
            }
        }
        if (target == null) {
            throw new CloudError("MissingParameter", "The request must contain a route target such as GatewayId.");
        }
        if (targetField.equals("gatewayId")) {
            requireGatewayInVpc(call, target, table.attribute("vpcId"));
        } else if (targetField.equals("instanceId")) {
            call.require(Instances.INSTANCE, target, "InvalidInstanceID.NotFound");
        }
        if (findRoute(table, destination).isPresent()) {
            throw new CloudError("RouteAlreadyExists",
                    "The route identified by " + destination + " already exists.");
        }
        table.list("routes").add(route(destination, targetField, target, "CreateRoute"));
        out.el("return", true);
    }

    private static void requireGatewayInVpc(Ec2Call call, String gatewayId, String vpcId) {
        SimResource gateway;
        if (gatewayId.startsWith("igw-")) {
            gateway = call.require(Gateways.INTERNET_GATEWAY, gatewayId, "InvalidInternetGatewayID.NotFound");
        } else if (gatewayId.startsWith("vgw-")) {
            gateway = call.require(Vpn.VPN_GATEWAY, gatewayId, "InvalidVpnGatewayID.NotFound");
        } else {
            throw new CloudError("InvalidGatewayID.NotFound", "The gateway ID '" + gatewayId + "' does not exist");
        }
        boolean attached = gatewayId.startsWith("igw-")
                ? gateway.list("attachments").stream().anyMatch(a -> vpcId.equals(a.get("vpcId")))
                : Vpn.attachedTo(gateway, vpcId, call.now());
        if (!attached) {
            throw Ec2Call.invalid("route table and network gateway " + gatewayId + " belong to different networks");
        }
    }

    private void deleteRoute(Ec2Call call, Xml out) {
        SimResource table = call.require(ROUTE_TABLE, call.required("RouteTableId"), "InvalidRouteTableID.NotFound");
        String destination = Cidr.parse("DestinationCidrBlock", call.required("DestinationCidrBlock"), 0, 32).toCanonicalString();
        Map<String, String> route = findRoute(table, destination).orElseThrow(() -> new CloudError("InvalidRoute.NotFound",
                "no route with destination-cidr-block " + destination + " in route table " + table.id()));
        if ("local".equals(route.get("gatewayId"))) {
            throw Ec2Call.invalid("cannot remove local route " + destination + " in route table " + table.id());
        }
        table.list("routes").remove(route);
        out.el("return", true);
    }

    private void associate(Ec2Call call, Xml out) {
        SimResource table = call.require(ROUTE_TABLE, call.required("RouteTableId"), "InvalidRouteTableID.NotFound");
        SimResource subnet = call.require(Networks.SUBNET, call.required("SubnetId"), "InvalidSubnetID.NotFound");
        if (!subnet.attribute("vpcId").equals(table.attribute("vpcId"))) {
            throw Ec2Call.invalid("Route table " + table.id() + " and subnet " + subnet.id() + " belong to different networks");
        }
        for (SimResource other : call.live(ROUTE_TABLE)) {
            for (Map<String, String> association : other.list("associations")) {
                if (subnet.id().equals(association.get("subnetId"))) {
                    throw new CloudError("Resource.AlreadyAssociated",
                            "the specified association for route table " + other.id() + " conflicts with an existing association");
                }
            }
        }
        String associationId = call.world().newId("rtbassoc");
        table.list("associations").add(new LinkedHashMap<>(Map.of(
                "routeTableAssociationId", associationId, "subnetId", subnet.id(), "main", "false")));
        out.el("associationId", associationId).start("associationState").el("state", "associated").end();
    }

    private void disassociate(Ec2Call call, Xml out) {
        String associationId = call.required("AssociationId");
        for (SimResource table : call.live(ROUTE_TABLE)) {
            for (Map<String, String> association : table.list("associations")) {
                if (associationId.equals(association.get("routeTableAssociationId"))) {
                    if ("true".equals(association.get("main"))) {
                        throw Ec2Call.invalid("cannot disassociate the main route table association " + associationId);
                    }
                    table.list("associations").remove(association);
                    out.el("return", true);
                    return;
                }
            }
        }
        throw new CloudError("InvalidAssociationID.NotFound", "The association ID '" + associationId + "' does not exist");
    }

    private void propagate(Ec2Call call, Xml out, boolean on) {
        SimResource table = call.require(ROUTE_TABLE, call.required("RouteTableId"), "InvalidRouteTableID.NotFound");
        String gatewayId = call.required("GatewayId");
        SimResource gateway = call.require(Vpn.VPN_GATEWAY, gatewayId, "InvalidVpnGatewayID.NotFound");
        List<Map<String, String>> propagating = table.list("propagatingVgws");
        propagating.removeIf(p -> gatewayId.equals(p.get("gatewayId")));
        if (on) {
            if (!Vpn.attachedTo(gateway, table.attribute("vpcId"), call.now())) {
                throw new CloudError("Gateway.NotAttached", "resource " + gatewayId + " is not attached to network " + table.attribute("vpcId"));
            }
            propagating.add(new LinkedHashMap<>(Map.of("gatewayId", gatewayId)));
        }
        out.el("return", true);
    }

    private static Optional<Map<String, String>> findRoute(SimResource table, String destination) {
        return table.list("routes").stream().filter(r -> destination.equals(r.get("destinationCidrBlock"))).findFirst();
    }

    private static Map<String, String> route(String destination, String targetField, String target, String origin) {
        Map<String, String> route = new LinkedHashMap<>();
        route.put("destinationCidrBlock", destination);
        route.put(targetField, target);
        route.put("origin", origin);
        route.put("state", "active");
        return route;
    }

    private static Xml render(Xml out, SimResource table) {
        out.el("routeTableId", table.id()).el("vpcId", table.attribute("vpcId")).el("ownerId", table.attribute("ownerId"));
        out.start("routeSet");
        for (Map<String, String> route : table.list("routes")) {
            out.start("item");
            route.forEach(out::el);
            out.end();
        }
        out.end().start("associationSet");
        for (Map<String, String> association : table.list("associations")) {
            out.start("item")
                    .el("main", association.get("main"))
                    .el("routeTableAssociationId", association.get("routeTableAssociationId"))
                    .el("routeTableId", table.id())
                    .el("subnetId", association.get("subnetId"))
                    .start("associationState").el("state", "associated").end()
                    .end();
        }
        out.end().start("propagatingVgwSet");
        table.list("propagatingVgws").forEach(p -> out.start("item").el("gatewayId", p.get("gatewayId")).end());
        return out.end().tags(table.tags());
    }
}
