package dev.overcast.cloudsim.ec2;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import inet.ipaddr.IPAddressString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Site-to-site VPN: virtual private gateways (attached to a VPC over time), customer gateways and VPN
 * connections with two tunnels whose outside addresses exist from creation and whose status turns
 * {@code UP} a few minutes after the connection becomes available.
 */
final class Vpn {

    static final String VPN_GATEWAY = "vpn-gateway";
    static final String CUSTOMER_GATEWAY = "customer-gateway";
    static final String VPN_CONNECTION = "vpn-connection";

    /** AWS refuses these /30s inside 169.254.0.0/16 for tunnel inside addresses. */
    private static final Set<String> RESERVED_INSIDE = Set.of("169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30",
            "169.254.3.0/30", "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30");
    private static final Pattern PRE_SHARED_KEY = Pattern.compile("[A-Za-z1-9._][A-Za-z0-9._]{7,63}");
    private static final String KEY_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

    private static final Filters GATEWAY_FILTERS = Filters.of(Map.of(
            "vpn-gateway-id", Filters.id(),
            "state", Filters.state(),
            "type", Filters.attribute("type"),
            "amazon-side-asn", Filters.attribute("amazonSideAsn"),
            "attachment.vpc-id", Filters.listed("attachments", "vpcId"),
            "attachment.state", (r, now) -> r.list("attachments").stream().map(a -> attachmentState(a, now)).toList()));

    private static final Filters CUSTOMER_FILTERS = Filters.of(Map.of(
            "customer-gateway-id", Filters.id(),
            "state", Filters.state(),
            "type", Filters.attribute("type"),
            "ip-address", Filters.attribute("ipAddress"),
            "bgp-asn", Filters.attribute("bgpAsn")));

    private static final Filters CONNECTION_FILTERS = Filters.of(Map.of(
            "vpn-connection-id", Filters.id(),
            "state", Filters.state(),
            "type", Filters.attribute("type"),
            "customer-gateway-id", Filters.attribute("customerGatewayId"),
            "vpn-gateway-id", Filters.attribute("vpnGatewayId"),
            "option.static-routes-only", Filters.attribute("staticRoutesOnly")));

    private final Idempotency idempotency;

    Vpn(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    void addTo(Map<String, Ec2Action> actions) {
        actions.put("CreateVpnGateway", this::createGateway);
        actions.put("DescribeVpnGateways", this::describeGateways);
        actions.put("AttachVpnGateway", this::attach);
        actions.put("DetachVpnGateway", this::detach);
        actions.put("DeleteVpnGateway", this::deleteGateway);
        actions.put("CreateCustomerGateway", this::createCustomerGateway);
        actions.put("DescribeCustomerGateways", this::describeCustomerGateways);
        actions.put("DeleteCustomerGateway", this::deleteCustomerGateway);
        actions.put("CreateVpnConnection", this::createConnection);
        actions.put("DescribeVpnConnections", this::describeConnections);
        actions.put("DeleteVpnConnection", this::deleteConnection);
    }

    // --- virtual private gateways

    private void createGateway(Ec2Call call, Xml out) {
        String type = ipsecType(call);
        long asn = amazonSideAsn(call.param("AmazonSideAsn", "64512"));
        SimResource gateway = call.create(VPN_GATEWAY, "vgw", "pending", "available", "vpn-gateway", r -> {
            r.attributes().put("type", type);
            r.attributes().put("amazonSideAsn", String.valueOf(asn));
        });
        renderGateway(out.start("vpnGateway"), gateway, call.now()).end();
    }

    private void describeGateways(Ec2Call call, Xml out) {
        out.items("vpnGatewaySet", call.describe(VPN_GATEWAY, "VpnGatewayId", "InvalidVpnGatewayID.NotFound", GATEWAY_FILTERS),
                (x, gateway) -> renderGateway(x, gateway, call.now()));
    }

    private void attach(Ec2Call call, Xml out) {
        SimResource gateway = call.require(VPN_GATEWAY, call.required("VpnGatewayId"), "InvalidVpnGatewayID.NotFound");
        SimResource vpc = call.require(Networks.VPC, call.required("VpcId"), "InvalidVpcID.NotFound");
        Instant now = call.now();
        if (!gateway.state(now).equals("available")) {
            throw new CloudError("IncorrectState", "The VPN gateway '" + gateway.id() + "' is in state " + gateway.state(now) + ".");
        }
        for (Map<String, String> attachment : gateway.list("attachments")) {
            String state = attachmentState(attachment, now);
            if (!state.equals("detached")) {
                if (attachment.get("vpcId").equals(vpc.id())) {
                    renderAttachment(out.start("attachment"), attachment, now).end();
                    return;
                }
                throw new CloudError("VpnGatewayAttachmentLimitExceeded",
                        "The VPN gateway '" + gateway.id() + "' is already attached to " + attachment.get("vpcId") + ".");
            }
        }
        boolean vpcHasOne = call.live(VPN_GATEWAY).stream().anyMatch(other -> other.list("attachments").stream()
                .anyMatch(a -> vpc.id().equals(a.get("vpcId")) && !attachmentState(a, now).equals("detached")));
        if (vpcHasOne) {
            throw new CloudError("VpnGatewayAttachmentLimitExceeded", "The VPC '" + vpc.id() + "' already has a VPN gateway attached.");
        }
        gateway.list("attachments").clear();
        Map<String, String> attachment = new LinkedHashMap<>();
        attachment.put("vpcId", vpc.id());
        attachment.put("attachedAt", now.plus(call.world().durations().of(Ec2Call.FRONT, "vpn-gateway.attach")).toString());
        gateway.list("attachments").add(attachment);
        gateway.dependsOn().add(vpc.id());
        renderAttachment(out.start("attachment"), attachment, now).end();
    }

    private void detach(Ec2Call call, Xml out) {
        SimResource gateway = call.require(VPN_GATEWAY, call.required("VpnGatewayId"), "InvalidVpnGatewayID.NotFound");
        String vpcId = call.required("VpcId");
        Instant now = call.now();
        Map<String, String> attachment = gateway.list("attachments").stream()
                .filter(a -> vpcId.equals(a.get("vpcId")) && a.get("detachedAt") == null).findFirst()
                .orElseThrow(() -> new CloudError("InvalidVpnGatewayAttachment.NotFound",
                        "The attachment with vpn gateway ID '" + gateway.id() + "' and vpc ID '" + vpcId + "' does not exist"));
        attachment.put("detachedAt", now.plus(call.world().durations().of(Ec2Call.FRONT, "vpn-gateway.detach")).toString());
        gateway.dependsOn().remove(vpcId);
        out.el("return", true);
    }

    private void deleteGateway(Ec2Call call, Xml out) {
        SimResource gateway = call.require(VPN_GATEWAY, call.required("VpnGatewayId"), "InvalidVpnGatewayID.NotFound");
        boolean attached = gateway.list("attachments").stream().anyMatch(a -> !attachmentState(a, call.now()).equals("detached"));
        if (attached) {
            throw new CloudError("IncorrectState", "The VPN gateway '" + gateway.id() + "' is attached to a VPC.");
        }
        call.world().retire(gateway, "deleting", "deleted");
        out.el("return", true);
    }

    /**
     * Whether the gateway is attached (or attaching) to the VPC: routes and route propagation need that, and a
     * detaching or detached attachment no longer counts.
     */
    static boolean attachedTo(SimResource gateway, String vpcId, Instant now) {
        return gateway.list("attachments").stream()
                .anyMatch(a -> vpcId.equals(a.get("vpcId")) && Set.of("attaching", "attached").contains(attachmentState(a, now)));
    }

    private static String attachmentState(Map<String, String> attachment, Instant now) {
        if (attachment.get("detachedAt") != null) {
            return now.isBefore(Instant.parse(attachment.get("detachedAt"))) ? "detaching" : "detached";
        }
        return now.isBefore(Instant.parse(attachment.get("attachedAt"))) ? "attaching" : "attached";
    }

    private static Xml renderAttachment(Xml out, Map<String, String> attachment, Instant now) {
        return out.el("vpcId", attachment.get("vpcId")).el("state", attachmentState(attachment, now));
    }

    private static Xml renderGateway(Xml out, SimResource gateway, Instant now) {
        out.el("vpnGatewayId", gateway.id()).el("state", gateway.state(now)).el("type", gateway.attribute("type"))
                .el("amazonSideAsn", gateway.attribute("amazonSideAsn")).start("attachments");
        gateway.list("attachments").forEach(a -> renderAttachment(out.start("item"), a, now).end());
        return out.end().tags(gateway.tags());
    }

    // --- customer gateways

    private void createCustomerGateway(Ec2Call call, Xml out) {
        String type = ipsecType(call);
        String ip = call.param("IpAddress", call.param("PublicIp"));
        if (ip == null) {
            throw new CloudError("MissingParameter", "The request must contain the parameter IpAddress");
        }
        if (!new IPAddressString(ip).isIPv4() || new IPAddressString(ip).isPrefixed()) {
            throw Ec2Call.invalid("Value (" + ip + ") for parameter ipAddress is invalid. Invalid Format.");
        }
        String bgpAsn = String.valueOf(asn(call.param("BgpAsn", "65000"), "BgpAsn"));
        // "To create more than one customer gateway with the same VPN type, IP address, and BGP ASN, specify a
        // unique device name for each customer gateway. An identical request returns information about the
        // existing customer gateway" (EC2 API reference, CreateCustomerGateway).
        String deviceName = call.param("DeviceName");
        SimResource gateway = call.live(CUSTOMER_GATEWAY).stream()
                .filter(g -> type.equals(g.attribute("type")) && ip.equals(g.attribute("ipAddress"))
                        && bgpAsn.equals(g.attribute("bgpAsn")) && Objects.equals(deviceName, g.attribute("deviceName")))
                .findFirst()
                .orElseGet(() -> call.create(CUSTOMER_GATEWAY, "cgw", "pending", "available", "customer-gateway", r -> {
                    r.attributes().put("type", type);
                    r.attributes().put("ipAddress", ip);
                    r.attributes().put("bgpAsn", bgpAsn);
                    if (deviceName != null) {
                        r.attributes().put("deviceName", deviceName);
                    }
                }));
        renderCustomerGateway(out.start("customerGateway"), gateway, call.now()).end();
    }

    private void describeCustomerGateways(Ec2Call call, Xml out) {
        out.items("customerGatewaySet",
                call.describe(CUSTOMER_GATEWAY, "CustomerGatewayId", "InvalidCustomerGatewayID.NotFound", CUSTOMER_FILTERS),
                (x, gateway) -> renderCustomerGateway(x, gateway, call.now()));
    }

    private void deleteCustomerGateway(Ec2Call call, Xml out) {
        SimResource gateway = call.require(CUSTOMER_GATEWAY, call.required("CustomerGatewayId"), "InvalidCustomerGatewayID.NotFound");
        if (!call.world().dependents(gateway).isEmpty()) {
            throw new CloudError("IncorrectState", "The customer gateway '" + gateway.id() + "' is in use.");
        }
        call.world().retire(gateway, "deleting", "deleted");
        out.el("return", true);
    }

    private static Xml renderCustomerGateway(Xml out, SimResource gateway, Instant now) {
        return out.el("customerGatewayId", gateway.id()).el("state", gateway.state(now)).el("type", gateway.attribute("type"))
                .el("ipAddress", gateway.attribute("ipAddress")).el("bgpAsn", gateway.attribute("bgpAsn"))
                .el("deviceName", gateway.attribute("deviceName")).tags(gateway.tags());
    }

    // --- VPN connections

    private void createConnection(Ec2Call call, Xml out) {
        SimResource connection = idempotency.earlier(call).map(made -> made.get(0)).orElseGet(() -> newConnection(call));
        renderConnection(out.start("vpnConnection"), connection, call.now()).end();
    }

    private SimResource newConnection(Ec2Call call) {
        String type = ipsecType(call);
        SimResource customer = call.require(CUSTOMER_GATEWAY, call.required("CustomerGatewayId"), "InvalidCustomerGatewayID.NotFound");
        SimResource gateway = call.require(VPN_GATEWAY, call.required("VpnGatewayId"), "InvalidVpnGatewayID.NotFound");
        List<Map<String, String>> tunnels = tunnels(call, gateway);
        boolean staticRoutes = call.flag("Options.StaticRoutesOnly");
        Duration untilUp = call.world().durations().of(Ec2Call.FRONT, "vpn-connection.tunnels");
        SimResource connection = call.create(VPN_CONNECTION, "vpn", "pending", "available", "vpn-connection", r -> {
            r.attributes().put("type", type);
            r.attributes().put("customerGatewayId", customer.id());
            r.attributes().put("vpnGatewayId", gateway.id());
            r.attributes().put("staticRoutesOnly", String.valueOf(staticRoutes));
            r.attributes().put("category", "VPN");
            r.list("tunnels").addAll(tunnels);
            r.dependsOn().add(customer.id());
            r.dependsOn().add(gateway.id());
        });
        connection.attributes().put("tunnelsUpAt", connection.readyAt().plus(untilUp).toString());
        idempotency.remember(call, List.of(connection));
        return connection;
    }

    /** Two tunnels from {@code Options.TunnelOptions.N}, defaults filled in as AWS does, each with its outside address. */
    private static List<Map<String, String>> tunnels(Ec2Call call, SimResource gateway) {
        List<Map<String, String>> given = call.structs("Options.TunnelOptions");
        if (given.size() > 2) {
            throw Ec2Call.invalid("A VPN connection has two tunnels; " + given.size() + " TunnelOptions were given.");
        }
        Set<String> used = new HashSet<>();
        call.live(VPN_CONNECTION).stream()
                .filter(c -> gateway.id().equals(c.attribute("vpnGatewayId")))
                .forEach(c -> c.list("tunnels").forEach(t -> used.add(t.get("tunnelInsideCidr"))));
        List<Map<String, String>> tunnels = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, String> options = i < given.size() ? given.get(i) : Map.of();
            String inside = options.get("TunnelInsideCidr");
            if (inside == null) {
                do {
                    inside = "169.254." + (6 + call.world().randomBelow(240)) + "." + (4 * call.world().randomBelow(64)) + "/30";
                } while (used.contains(inside));
            } else {
                inside = insideCidr(inside);
                if (used.contains(inside)) {
                    throw Ec2Call.invalid("The tunnel inside CIDR " + inside + " is already in use on VPN gateway " + gateway.id() + ".");
                }
            }
            used.add(inside);
            String key = options.get("PreSharedKey");
            if (key == null) {
                key = randomKey(call);
            } else if (!PRE_SHARED_KEY.matcher(key).matches()) {
                throw Ec2Call.invalid("Invalid pre-shared key: 8 to 64 characters of letters, digits, '.' and '_', not starting with '0'.");
            }
            Map<String, String> tunnel = new LinkedHashMap<>();
            tunnel.put("outsideIpAddress", call.world().newPublicAddress(3));
            tunnel.put("tunnelInsideCidr", inside);
            tunnel.put("preSharedKey", key);
            tunnels.add(tunnel);
        }
        return tunnels;
    }

    private static String insideCidr(String given) {
        String cidr = Cidr.parse("TunnelInsideCidr", given, 30, 30).toCanonicalString();
        if (!Cidr.contains("169.254.0.0/16", cidr) || RESERVED_INSIDE.contains(cidr)) {
            throw Ec2Call.invalid("The tunnel inside CIDR " + given + " must be a /30 in 169.254.0.0/16 outside the reserved blocks.");
        }
        return cidr;
    }

    private static String randomKey(Ec2Call call) {
        StringBuilder key = new StringBuilder("k");
        for (int i = 0; i < 31; i++) {
            key.append(KEY_CHARACTERS.charAt(call.world().randomBelow(KEY_CHARACTERS.length())));
        }
        return key.toString();
    }

    private void describeConnections(Ec2Call call, Xml out) {
        out.items("vpnConnectionSet",
                call.describe(VPN_CONNECTION, "VpnConnectionId", "InvalidVpnConnectionID.NotFound", CONNECTION_FILTERS),
                (x, connection) -> renderConnection(x, connection, call.now()));
    }

    private void deleteConnection(Ec2Call call, Xml out) {
        SimResource connection = call.require(VPN_CONNECTION, call.required("VpnConnectionId"), "InvalidVpnConnectionID.NotFound");
        call.world().retire(connection, "deleting", "deleted");
        out.el("return", true);
    }

    private static Xml renderConnection(Xml out, SimResource connection, Instant now) {
        String state = connection.state(now);
        Instant upAt = Instant.parse(connection.attribute("tunnelsUpAt"));
        boolean up = state.equals("available") && !now.isBefore(upAt);
        out.el("vpnConnectionId", connection.id())
                .el("state", state)
                .el("customerGatewayConfiguration", configuration(connection))
                .el("type", connection.attribute("type"))
                .el("customerGatewayId", connection.attribute("customerGatewayId"))
                .el("vpnGatewayId", connection.attribute("vpnGatewayId"))
                .el("category", connection.attribute("category"))
                .start("options")
                .el("enableAcceleration", false)
                .el("staticRoutesOnly", connection.attribute("staticRoutesOnly"))
                .el("localIpv4NetworkCidr", "0.0.0.0/0")
                .el("remoteIpv4NetworkCidr", "0.0.0.0/0")
                .el("outsideIpAddressType", "PublicIpv4")
                .el("tunnelInsideIpVersion", "ipv4")
                .start("tunnelOptionSet");
        connection.list("tunnels").forEach(t -> out.start("item")
                .el("outsideIpAddress", t.get("outsideIpAddress"))
                .el("tunnelInsideCidr", t.get("tunnelInsideCidr"))
                .el("preSharedKey", t.get("preSharedKey"))
                .end());
        out.end().end().start("routes").end().start("vgwTelemetry");
        for (Map<String, String> tunnel : connection.list("tunnels")) {
            out.start("item")
                    .el("outsideIpAddress", tunnel.get("outsideIpAddress"))
                    .el("status", up ? "UP" : "DOWN")
                    .el("lastStatusChange", (up ? upAt : connection.readyAt()).toString())
                    .el("statusMessage", "")
                    .el("acceptedRouteCount", 0)
                    .end();
        }
        return out.end().tags(connection.tags());
    }

    /** A compact form of the configuration document AWS hands out: per tunnel, both ends and the key. */
    private static String configuration(SimResource connection) {
        StringBuilder xml = new StringBuilder("<vpn_connection id=\"").append(connection.id()).append("\">");
        xml.append("<customer_gateway_id>").append(connection.attribute("customerGatewayId")).append("</customer_gateway_id>");
        xml.append("<vpn_gateway_id>").append(connection.attribute("vpnGatewayId")).append("</vpn_gateway_id>");
        xml.append("<vpn_connection_type>ipsec.1</vpn_connection_type>");
        for (Map<String, String> tunnel : connection.list("tunnels")) {
            String[] inside = tunnel.get("tunnelInsideCidr").split("[./]");
            String base = inside[0] + "." + inside[1] + "." + inside[2] + ".";
            int last = Integer.parseInt(inside[3]);
            xml.append("<ipsec_tunnel>")
                    .append("<customer_gateway><tunnel_inside_address><ip_address>").append(base).append(last + 2)
                    .append("</ip_address><network_mask>255.255.255.252</network_mask><network_cidr>30</network_cidr></tunnel_inside_address></customer_gateway>")
                    .append("<vpn_gateway><tunnel_outside_address><ip_address>").append(tunnel.get("outsideIpAddress"))
                    .append("</ip_address></tunnel_outside_address><tunnel_inside_address><ip_address>").append(base).append(last + 1)
                    .append("</ip_address><network_mask>255.255.255.252</network_mask><network_cidr>30</network_cidr></tunnel_inside_address></vpn_gateway>")
                    .append("<ike><pre_shared_key>").append(tunnel.get("preSharedKey")).append("</pre_shared_key></ike>")
                    .append("</ipsec_tunnel>");
        }
        return xml.append("</vpn_connection>").toString();
    }

    /** The only VPN type there is: {@code ipsec.1}. */
    private static String ipsecType(Ec2Call call) {
        String type = call.required("Type");
        if (!type.equals("ipsec.1")) {
            throw Ec2Call.invalid("Invalid value '" + type + "' for type: only 'ipsec.1' is supported.");
        }
        return type;
    }

    /**
     * CreateVpnGateway's {@code AmazonSideAsn} is a private ASN: "If you're using a 16-bit ASN, it must be in
     * the 64512 to 65534 range. If you're using a 32-bit ASN, it must be in the 4200000000 to 4294967294
     * range" (EC2 API reference, CreateVpnGateway).
     */
    private static long amazonSideAsn(String value) {
        long asn = asn(value, "AmazonSideAsn");
        if ((asn >= 64512 && asn <= 65534) || asn >= 4200000000L) {
            return asn;
        }
        throw Ec2Call.invalid("Value (" + value + ") for parameter AmazonSideAsn is invalid: a private ASN is required,"
                + " 64512-65534 or 4200000000-4294967294.");
    }

    private static long asn(String value, String field) {
        try {
            long asn = Long.parseLong(value);
            if (asn >= 1 && asn <= 4294967294L) {
                return asn;
            }
        } catch (NumberFormatException e) {
            // answered below like any other out-of-range value
        }
        throw Ec2Call.invalid("Value (" + value + ") for parameter " + field + " is invalid: must be an ASN from 1 to 4294967294.");
    }
}
