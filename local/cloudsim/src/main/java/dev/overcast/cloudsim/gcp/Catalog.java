package dev.overcast.cloudsim.gcp;

import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The collections the front serves and what an insert of each checks and assigns: references must
 * name live resources (and become dependencies that block their deletion), CIDRs must parse, the cloud
 * assigns addresses (HA VPN interfaces, instance network IPs).
 */
final class Catalog {

    private static final Pattern MACHINE_TYPE = Pattern.compile("(?:.*/)?zones/([^/]+)/machineTypes/([a-z0-9-]+)");
    private static final Map<String, Integer> PEER_INTERFACES = Map.of(
            "SINGLE_IP_INTERNALLY_REDUNDANT", 1, "TWO_IPS_REDUNDANCY", 2, "FOUR_IPS_REDUNDANCY", 4);
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp", "esp", "ah", "sctp", "ipip", "all");

    /**
     * A tunnel's {@code detailedStatus} per {@code status}: the discovery document's description of each
     * VpnTunnel status, ESTABLISHED as the console shows it.
     */
    private static final Map<String, String> TUNNEL_DETAILS = Map.of(
            "FIRST_HANDSHAKE", "Successful first handshake with peer VPN.",
            "ESTABLISHED", "Tunnel is up and running.",
            "DEPROVISIONING", "Resources are being deallocated for the VPN tunnel.");

    static final Collection NETWORKS = new Collection("networks", "network", "compute#network", Scope.GLOBAL, false,
            Lifecycle.statusless(), Catalog::network);
    static final Collection SUBNETWORKS = new Collection("subnetworks", "subnetwork", "compute#subnetwork", Scope.REGION, false,
            Lifecycle.statusless(), Catalog::subnetwork);
    static final Collection FIREWALLS = new Collection("firewalls", "firewall", "compute#firewall", Scope.GLOBAL, false,
            Lifecycle.statusless(), Catalog::firewall);
    static final Collection ADDRESSES = new Collection("addresses", "address", "compute#address", Scope.REGION, true,
            new Lifecycle("RESERVING", "RESERVED", "DELETING", "DELETED", true), Catalog::address);
    static final Collection ROUTERS = new Collection("routers", "router", "compute#router", Scope.REGION, false,
            Lifecycle.statusless(), Catalog::router);
    static final Collection VPN_GATEWAYS = new Collection("vpnGateways", "vpn-gateway", "compute#vpnGateway", Scope.REGION, true,
            Lifecycle.statusless(), Catalog::vpnGateway);
    static final Collection EXTERNAL_VPN_GATEWAYS = new Collection("externalVpnGateways", "external-vpn-gateway",
            "compute#externalVpnGateway", Scope.GLOBAL, true, Lifecycle.statusless(), Catalog::externalVpnGateway);
    static final Collection VPN_TUNNELS = new Collection("vpnTunnels", "vpn-tunnel", "compute#vpnTunnel", Scope.REGION, true,
            new Lifecycle("FIRST_HANDSHAKE", "ESTABLISHED", "DEPROVISIONING", "DELETED", true), Catalog::vpnTunnel);
    static final Collection INSTANCES = new Collection("instances", "instance", "compute#instance", Scope.ZONE, true,
            new Lifecycle("PROVISIONING", "RUNNING", "STOPPING", "TERMINATED", true), Catalog::instance);

    static final List<Collection> ALL = List.of(NETWORKS, SUBNETWORKS, FIREWALLS, ADDRESSES, ROUTERS, VPN_GATEWAYS,
            EXTERNAL_VPN_GATEWAYS, VPN_TUNNELS, INSTANCES);

    private Catalog() {
    }

    private static void network(ComputeCall call, Map<String, Object> body, SimResource r) {
        if (Boolean.TRUE.equals(body.get("autoCreateSubnetworks"))) {
            throw ComputeCall.invalid("resource.autoCreateSubnetworks", true, "This simulation serves custom-mode networks only.");
        }
        r.attributes().put("autoCreateSubnetworks", false);
        Object routing = body.get("routingConfig") instanceof Map<?, ?> m ? m.get("routingMode") : null;
        r.attributes().put("routingConfig", Map.of("routingMode", routing == null ? "REGIONAL" : routing.toString()));
        r.attributes().put("mtu", body.getOrDefault("mtu", 1460));
    }

    private static void subnetwork(ComputeCall call, Map<String, Object> body, SimResource r) {
        SimResource network = call.resolve("resource.network", body.get("network"), NETWORKS);
        String range = cidr("resource.ipCidrRange", ComputeCall.text(body, "ipCidrRange"));
        List<Map<String, Object>> secondary = new ArrayList<>();
        for (Map<String, Object> s : ComputeCall.items(body, "secondaryIpRanges")) {
            secondary.add(new LinkedHashMap<>(Map.of("rangeName", ComputeCall.text(s, "rangeName"),
                    "ipCidrRange", cidr("resource.secondaryIpRanges.ipCidrRange", ComputeCall.text(s, "ipCidrRange")))));
        }
        List<String> ranges = new ArrayList<>(List.of(range));
        secondary.forEach(s -> ranges.add(s.get("ipCidrRange").toString()));
        requireNoOverlap(call, network, ranges);
        r.attributes().put("network", network.attribute("selfLink"));
        r.attributes().put("ipCidrRange", range);
        r.attributes().put("gatewayAddress", host(range, 1));
        r.attributes().put("secondaryIpRanges", secondary);
        r.attributes().put("stackType", "IPV4_ONLY");
        r.attributes().put("nextHost", "2");
        r.dependsOn().add(network.id());
    }

    /**
     * Every range of a VPC network's subnetworks, primary or secondary and in any region, is unique in the
     * network: an insert that overlaps one is refused at once ("Invalid IPCidrRange: R conflicts with existing
     * subnetwork 'S' in region 'G'.", https://cloud.google.com/vpc/docs/subnets#valid-ranges: "Subnet ranges
     * cannot overlap with other subnet ranges in the same VPC network").
     */
    private static void requireNoOverlap(ComputeCall call, SimResource network, List<String> ranges) {
        for (String region : ComputeRegions.ZONES.keySet()) {
            for (SimResource existing : call.world().live(ComputeCall.FRONT, call.project(), region, SUBNETWORKS.type())) {
                if (!network.attribute("selfLink").equals(existing.attribute("network"))) {
                    continue;
                }
                List<String> taken = new ArrayList<>(List.of(existing.attribute("ipCidrRange")));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> secondary = (List<Map<String, Object>>) existing.attributes().get("secondaryIpRanges");
                secondary.forEach(s -> taken.add(s.get("ipCidrRange").toString()));
                for (String range : ranges) {
                    IPAddress block = new IPAddressString(range).getAddress();
                    for (String other : taken) {
                        if (block.overlaps(new IPAddressString(other).getAddress())) {
                            throw new CloudError(ComputeErrors.INVALID, "Invalid IPCidrRange: " + range + " conflicts with existing subnetwork '"
                                    + Collection.name(existing.id()) + "' in region '" + region + "'.");
                        }
                    }
                }
            }
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                if (new IPAddressString(ranges.get(i)).getAddress().overlaps(new IPAddressString(ranges.get(j)).getAddress())) {
                    throw ComputeCall.invalid("resource.secondaryIpRanges.ipCidrRange", ranges.get(j),
                            "Conflicts with range " + ranges.get(i) + " of the same subnetwork.");
                }
            }
        }
    }

    private static void firewall(ComputeCall call, Map<String, Object> body, SimResource r) {
        SimResource network = call.resolve("resource.network", body.get("network"), NETWORKS);
        List<Map<String, Object>> allowed = ComputeCall.items(body, "allowed");
        List<Map<String, Object>> denied = ComputeCall.items(body, "denied");
        // A rule either allows or denies: https://cloud.google.com/firewall/docs/firewalls#firewall_rule_components
        if (allowed.isEmpty() == denied.isEmpty()) {
            throw new CloudError(ComputeErrors.INVALID, "Invalid value for field 'resource': exactly one of 'allowed' and 'denied' must be given.");
        }
        requireProtocols("resource.allowed", allowed);
        requireProtocols("resource.denied", denied);
        r.attributes().put("network", network.attribute("selfLink"));
        r.attributes().put("direction", body.getOrDefault("direction", "INGRESS"));
        r.attributes().put("priority", body.getOrDefault("priority", 1000));
        r.attributes().put(allowed.isEmpty() ? "denied" : "allowed", allowed.isEmpty() ? denied : allowed);
        if ("EGRESS".equals(r.attributes().get("direction"))) {
            r.attributes().put("destinationRanges", body.getOrDefault("destinationRanges", List.of("0.0.0.0/0")));
        } else {
            r.attributes().put("sourceRanges", body.getOrDefault("sourceRanges", body.containsKey("sourceTags") ? List.of() : List.of("0.0.0.0/0")));
        }
        for (String kept : List.of("sourceTags", "targetTags", "sourceServiceAccounts", "targetServiceAccounts", "logConfig")) {
            if (body.get(kept) != null) {
                r.attributes().put(kept, body.get(kept));
            }
        }
        r.attributes().put("disabled", Boolean.TRUE.equals(body.get("disabled")));
        r.dependsOn().add(network.id());
    }

    private static void requireProtocols(String field, List<Map<String, Object>> rules) {
        for (Map<String, Object> rule : rules) {
            String protocol = ComputeCall.text(rule, "IPProtocol");
            if (!PROTOCOLS.contains(protocol) && !protocol.matches("\\d{1,3}")) {
                throw ComputeCall.invalid(field + ".IPProtocol", protocol, "Must be a protocol name or number.");
            }
        }
    }

    private static void address(ComputeCall call, Map<String, Object> body, SimResource r) {
        r.attributes().put("address", call.world().newPublicAddress(34));
        r.attributes().put("addressType", body.getOrDefault("addressType", "EXTERNAL"));
        r.attributes().put("networkTier", body.getOrDefault("networkTier", "PREMIUM"));
    }

    private static void router(ComputeCall call, Map<String, Object> body, SimResource r) {
        SimResource network = call.resolve("resource.network", body.get("network"), NETWORKS);
        Map<?, ?> given = body.get("bgp") instanceof Map<?, ?> m ? m : Map.of();
        Object asn = given.get("asn");
        if (asn == null || !asn.toString().matches("\\d{1,10}")) {
            throw new CloudError(ComputeErrors.REQUIRED, "Required field 'resource.bgp.asn' not specified");
        }
        // RouterBgp in the discovery document: advertiseMode (DEFAULT or CUSTOM, DEFAULT when absent), the groups
        // and ranges a CUSTOM router advertises, and the keepalive interval (20 s by default).
        Map<String, Object> bgp = new LinkedHashMap<>();
        bgp.put("asn", Long.parseLong(asn.toString()));
        bgp.put("advertiseMode", given.get("advertiseMode") == null ? "DEFAULT" : given.get("advertiseMode"));
        for (String kept : List.of("advertisedGroups", "advertisedIpRanges")) {
            if (given.get(kept) != null) {
                bgp.put(kept, given.get(kept));
            }
        }
        bgp.put("keepaliveInterval", given.get("keepaliveInterval") == null ? 20 : given.get("keepaliveInterval"));
        r.attributes().put("network", network.attribute("selfLink"));
        r.attributes().put("bgp", bgp);
        r.attributes().put("interfaces", ComputeCall.items(body, "interfaces"));
        r.attributes().put("bgpPeers", ComputeCall.items(body, "bgpPeers"));
        r.dependsOn().add(network.id());
    }

    /** A router patch replaces interfaces and BGP peers; every peer must sit on one of the interfaces. */
    static void checkRouterPatch(Map<String, Object> body) {
        Set<Object> interfaces = new java.util.HashSet<>();
        ComputeCall.items(body, "interfaces").forEach(i -> interfaces.add(ComputeCall.text(i, "name")));
        for (Map<String, Object> peer : ComputeCall.items(body, "bgpPeers")) {
            if (!interfaces.contains(ComputeCall.text(peer, "interfaceName"))) {
                throw ComputeCall.invalid("resource.bgpPeers.interfaceName", peer.get("interfaceName"), "No interface of that name on the router.");
            }
        }
    }

    private static void vpnGateway(ComputeCall call, Map<String, Object> body, SimResource r) {
        SimResource network = call.resolve("resource.network", body.get("network"), NETWORKS);
        r.attributes().put("network", network.attribute("selfLink"));
        r.attributes().put("stackType", body.getOrDefault("stackType", "IPV4_ONLY"));
        r.attributes().put("vpnInterfaces", List.of(
                new LinkedHashMap<>(Map.of("id", 0, "ipAddress", call.world().newPublicAddress(35))),
                new LinkedHashMap<>(Map.of("id", 1, "ipAddress", call.world().newPublicAddress(35)))));
        r.dependsOn().add(network.id());
    }

    private static void externalVpnGateway(ComputeCall call, Map<String, Object> body, SimResource r) {
        String redundancy = ComputeCall.text(body, "redundancyType");
        Integer count = PEER_INTERFACES.get(redundancy);
        if (count == null) {
            throw ComputeCall.invalid("resource.redundancyType", redundancy, "Must be one of " + PEER_INTERFACES.keySet() + ".");
        }
        List<Map<String, Object>> interfaces = ComputeCall.items(body, "interfaces");
        if (interfaces.size() != count) {
            throw ComputeCall.invalid("resource.interfaces", interfaces.size(), redundancy + " needs exactly " + count + " interfaces.");
        }
        for (Map<String, Object> i : interfaces) {
            if (!new IPAddressString(ComputeCall.text(i, "ipAddress")).isIPv4()) {
                throw ComputeCall.invalid("resource.interfaces.ipAddress", i.get("ipAddress"), "Must be an IPv4 address.");
            }
        }
        r.attributes().put("redundancyType", redundancy);
        r.attributes().put("interfaces", interfaces);
    }

    private static void vpnTunnel(ComputeCall call, Map<String, Object> body, SimResource r) {
        SimResource gateway = call.resolve("resource.vpnGateway", body.get("vpnGateway"), VPN_GATEWAYS);
        SimResource peer = call.resolve("resource.peerExternalGateway", body.get("peerExternalGateway"), EXTERNAL_VPN_GATEWAYS);
        SimResource router = call.resolve("resource.router", body.get("router"), ROUTERS);
        int local = index(body, "vpnGatewayInterface", 2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> peerInterfaces = (List<Map<String, Object>>) peer.attributes().get("interfaces");
        int far = index(body, "peerExternalGatewayInterface", peerInterfaces.size());
        ComputeCall.text(body, "sharedSecret");
        Object ike = body.getOrDefault("ikeVersion", 2);
        if (!"2".equals(ike.toString()) && !"1".equals(ike.toString())) {
            throw ComputeCall.invalid("resource.ikeVersion", ike, "Must be 1 or 2.");
        }
        r.attributes().put("vpnGateway", gateway.attribute("selfLink"));
        r.attributes().put("vpnGatewayInterface", local);
        r.attributes().put("peerExternalGateway", peer.attribute("selfLink"));
        r.attributes().put("peerExternalGatewayInterface", far);
        r.attributes().put("peerIp", peerInterfaces.get(far).get("ipAddress"));
        r.attributes().put("router", router.attribute("selfLink"));
        r.attributes().put("ikeVersion", Integer.parseInt(ike.toString()));
        // Compute never returns the key; the hash shows a by-hand change in snapshots without keeping the secret.
        r.attributes().put("sharedSecretHash", Integer.toHexString(body.get("sharedSecret").hashCode()));
        r.dependsOn().add(gateway.id());
        r.dependsOn().add(peer.id());
        r.dependsOn().add(router.id());
    }

    private static void instance(ComputeCall call, Map<String, Object> body, SimResource r) {
        String machineType = ComputeCall.text(body, "machineType");
        var type = MACHINE_TYPE.matcher(machineType);
        if (!type.matches() || !type.group(1).equals(call.location())) {
            throw ComputeCall.invalid("resource.machineType", machineType, "Must be zones/" + call.location() + "/machineTypes/TYPE.");
        }
        List<Map<String, Object>> disks = ComputeCall.items(body, "disks");
        if (disks.stream().noneMatch(d -> Boolean.TRUE.equals(d.get("boot")))) {
            throw new CloudError(ComputeErrors.REQUIRED, "Required field 'resource.disks' not specified: an instance needs a boot disk");
        }
        for (Map<String, Object> disk : disks) {
            if (disk.get("initializeParams") instanceof Map<?, ?> init) {
                Object image = init.get("sourceImage");
                if (image == null || image.toString().isBlank()) {
                    throw new CloudError(ComputeErrors.REQUIRED, "Required field 'resource.disks.initializeParams.sourceImage' not specified");
                }
            }
        }
        List<Map<String, Object>> nics = ComputeCall.items(body, "networkInterfaces");
        if (nics.isEmpty()) {
            throw new CloudError(ComputeErrors.REQUIRED, "Required field 'resource.networkInterfaces' not specified");
        }
        List<Map<String, Object>> attached = new ArrayList<>();
        for (int i = 0; i < nics.size(); i++) {
            SimResource subnet = call.resolve("resource.networkInterfaces.subnetwork", nics.get(i).get("subnetwork"), SUBNETWORKS);
            if (!ComputeRegions.regionOf(call.location()).orElse("").equals(subnet.key().region())) {
                throw ComputeCall.invalid("resource.networkInterfaces.subnetwork", nics.get(i).get("subnetwork"),
                        "The subnetwork must be in the instance's region.");
            }
            Map<String, Object> nic = new LinkedHashMap<>();
            nic.put("kind", "compute#networkInterface");
            nic.put("name", "nic" + i);
            nic.put("network", subnet.attribute("network"));
            nic.put("subnetwork", subnet.attribute("selfLink"));
            nic.put("networkIP", nextHost(subnet));
            attached.add(nic);
            r.dependsOn().add(subnet.id());
        }
        r.attributes().put("machineType", machineType.contains("://") ? machineType : call.locationLink(Scope.ZONE, call.location())
                + "/machineTypes/" + type.group(2));
        r.attributes().put("disks", disks);
        r.attributes().put("networkInterfaces", attached);
        r.attributes().put("metadata", body.getOrDefault("metadata", Map.of()));
        if (body.get("tags") != null) {
            r.attributes().put("tags", body.get("tags"));
        }
        r.attributes().put("canIpForward", body.getOrDefault("canIpForward", false));
    }

    /**
     * The output-only values Compute computes at read time: fingerprints ({@code format: byte}, see
     * {@link Fingerprint}) and a tunnel's {@code detailedStatus}.
     */
    @SuppressWarnings("unchecked")
    static void addOutputOnly(Collection collection, Map<String, Object> json) {
        if (collection == SUBNETWORKS) {
            json.put("fingerprint", Fingerprint.of(json));
        } else if (collection == VPN_TUNNELS) {
            json.put("detailedStatus", TUNNEL_DETAILS.getOrDefault(json.get("status").toString(), ""));
            // Compute never returns a tunnel's key, only this mask (and sharedSecretHash).
            json.put("sharedSecret", "*************");
        } else if (collection == INSTANCES) {
            Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) json.getOrDefault("metadata", Map.of()));
            metadata.put("kind", "compute#metadata");
            metadata.put("fingerprint", Fingerprint.of(metadata.getOrDefault("items", List.of())));
            json.put("metadata", metadata);
            if (json.get("tags") instanceof Map<?, ?> tags) {
                Map<String, Object> withFingerprint = new LinkedHashMap<>((Map<String, Object>) tags);
                withFingerprint.put("fingerprint", Fingerprint.of(tags.get("items") == null ? List.of() : tags.get("items")));
                json.put("tags", withFingerprint);
            }
            List<Map<String, Object>> nics = new ArrayList<>();
            for (Map<String, Object> nic : (List<Map<String, Object>>) json.getOrDefault("networkInterfaces", List.of())) {
                Map<String, Object> withFingerprint = new LinkedHashMap<>(nic);
                withFingerprint.put("fingerprint", Fingerprint.of(nic));
                nics.add(withFingerprint);
            }
            json.put("networkInterfaces", nics);
            json.put("fingerprint", Fingerprint.of(json));
        }
    }

    private static int index(Map<String, Object> body, String field, int count) {
        Object value = body.getOrDefault(field, 0);
        try {
            int index = Integer.parseInt(value.toString());
            if (index >= 0 && index < count) {
                return index;
            }
        } catch (NumberFormatException e) {
            // answered below, as for any out-of-range value
        }
        throw ComputeCall.invalid("resource." + field, value, "Must be within 0.." + (count - 1) + ".");
    }

    private static String cidr(String field, String text) {
        IPAddress address = new IPAddressString(text).getAddress();
        if (address == null || !address.isIPv4() || address.getNetworkPrefixLength() == null
                || !address.equals(address.toPrefixBlock())) {
            throw ComputeCall.invalid(field, text, "Must be an IPv4 CIDR range such as 10.0.0.0/24.");
        }
        return text;
    }

    /** Compute keeps the first two and the last two addresses of a subnetwork's primary range. */
    private static String nextHost(SimResource subnet) {
        String range = subnet.attribute("ipCidrRange");
        int next = Integer.parseInt(subnet.attribute("nextHost"));
        IPAddress block = new IPAddressString(range).getAddress();
        if (BigInteger.valueOf(next + 2L).compareTo(block.getCount()) >= 0) {
            throw new CloudError("IP_SPACE_EXHAUSTED", "IP space of '" + subnet.attribute("selfLink") + "' is exhausted.");
        }
        subnet.attributes().put("nextHost", String.valueOf(next + 1));
        return host(range, next);
    }

    private static String host(String range, int offset) {
        IPAddress block = new IPAddressString(range).getAddress().toPrefixBlock();
        return block.getLower().increment(offset).withoutPrefixLength().toCanonicalString();
    }
}
