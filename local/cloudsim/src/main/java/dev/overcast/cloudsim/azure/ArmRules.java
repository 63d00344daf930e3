package dev.overcast.cloudsim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.cloudsim.world.CloudError;
import dev.overcast.cloudsim.world.SimResource;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What each resource type checks and adds on create, keeps on update and takes along on delete: the
 * cloud-assigned values (public and private addresses, a gateway's BGP addresses, a VM's OS disk),
 * references that must exist, and the error codes ARM answers with.
 */
final class ArmRules {

    static final String GATEWAY_SUBNET = "GatewaySubnet";
    /** Azure's APIPA range for custom BGP addresses on VPN gateways. */
    private static final IPAddress APIPA_FIRST = new IPAddressString("169.254.21.0").getAddress();
    private static final IPAddress APIPA_LAST = new IPAddressString("169.254.22.255").getAddress();

    private final ArmStore store;

    ArmRules(ArmStore store) {
        this.store = store;
    }

    void create(ArmPath path, SimResource resource, ObjectNode body) {
        ObjectNode properties = body.has("properties") && body.get("properties").isObject()
                ? ((ObjectNode) body.get("properties")).deepCopy() : ArmStore.JSON.createObjectNode();
        properties.remove("provisioningState");
        String subscription = path.subscription();
        switch (path.type()) {
            case VIRTUAL_NETWORK -> {
                prefixes(properties.path("addressSpace").path("addressPrefixes"), "properties.addressSpace.addressPrefixes");
                // Subnets are kept as resources of their own; ArmResources makes those a VNet PUT carries inline.
                properties.remove("subnets");
            }
            case SUBNET -> subnet(path, resource, properties);
            case NETWORK_SECURITY_GROUP -> properties.set("securityRules", storedRules(properties.path("securityRules")));
            case PUBLIC_IP_ADDRESS -> {
                properties.put("ipAddress", store.world().newPublicAddress(20));
                properties.put("publicIPAllocationMethod", properties.path("publicIPAllocationMethod").asText("Static"));
            }
            case VIRTUAL_NETWORK_GATEWAY -> gateway(path, resource, properties);
            case LOCAL_NETWORK_GATEWAY -> address(properties.path("gatewayIpAddress"), "properties.gatewayIpAddress");
            case CONNECTION -> connection(subscription, resource, properties);
            case NETWORK_INTERFACE -> nic(subscription, resource, properties);
            case VIRTUAL_MACHINE -> machine(path, resource, properties);
            default -> {
            }
        }
        ObjectNode document = ArmStore.JSON.createObjectNode();
        for (String topLevel : List.of("sku", "zones")) {
            if (body.has(topLevel)) {
                document.set(topLevel, body.get(topLevel));
            }
        }
        document.set("properties", properties);
        ArmStore.write(resource, document);
    }

    /** A PUT on an existing resource: rules and addresses may change; cloud-assigned values stay. */
    void update(ArmPath path, SimResource resource, ObjectNode body) {
        ObjectNode document = ArmStore.document(resource);
        ObjectNode properties = (ObjectNode) document.get("properties");
        JsonNode given = body.path("properties");
        switch (path.type()) {
            case NETWORK_SECURITY_GROUP -> properties.set("securityRules", storedRules(given.path("securityRules")));
            case SUBNET -> {
                ObjectNode changed = given.isObject() ? ((ObjectNode) given).deepCopy() : ArmStore.JSON.createObjectNode();
                changed.remove("provisioningState");
                String before = properties.path("addressPrefix").asText();
                if (!before.equals(changed.path("addressPrefix").asText()) && !store.world().dependents(resource).isEmpty()) {
                    throw new CloudError("InUseSubnetCannotBeUpdated", "Subnet " + ArmStore.name(resource)
                            + " is in use and its address prefix cannot be changed.");
                }
                resource.dependsOn().clear();
                subnet(path, resource, changed);
                document.set("properties", changed);
            }
            case VIRTUAL_NETWORK -> {
                prefixes(given.path("addressSpace").path("addressPrefixes"), "properties.addressSpace.addressPrefixes");
                properties.set("addressSpace", given.path("addressSpace").deepCopy());
            }
            case VIRTUAL_NETWORK_GATEWAY -> customBgpAddresses(properties, given);
            case LOCAL_NETWORK_GATEWAY -> {
                address(given.path("gatewayIpAddress"), "properties.gatewayIpAddress");
                properties.set("gatewayIpAddress", given.get("gatewayIpAddress"));
                if (given.has("bgpSettings")) {
                    properties.set("bgpSettings", given.get("bgpSettings").deepCopy());
                }
            }
            default -> {
            }
        }
        ArmStore.write(resource, document);
    }

    /**
     * A resource group's delete: everything in it goes, whatever depends on what (ARM orders the deletion
     * itself, "Azure Resource Manager resource group and resource deletion": "deletes … in the reverse
     * order of dependencies"); only a resource outside the group that uses one inside refuses it.
     */
    void deleteGroup(List<SimResource> together) {
        try {
            store.world().retireTogether(together, "Deleting", "Deleted");
        } catch (CloudError e) {
            if (CloudError.DEPENDENCY_VIOLATION.equals(e.code())) {
                throw new CloudError("ResourceGroupDeletionBlocked", "Deletion of the resource group was blocked: " + e.getMessage());
            }
            throw e;
        }
    }

    /** Starts deleting a resource, with the subnets of a VNet and what a VM's {@code deleteOption} takes along. */
    void delete(SimResource resource) {
        ArmType type = ArmStore.type(resource);
        try {
            if (type == ArmType.VIRTUAL_NETWORK) {
                List<SimResource> subnets = store.world().dependents(resource).stream()
                        .filter(r -> r.type().equals(ArmType.SUBNET.key())).toList();
                for (SimResource subnet : subnets) {
                    if (!store.world().dependents(subnet).isEmpty()) {
                        throw new CloudError(CloudError.DEPENDENCY_VIOLATION, "subnet " + ArmStore.name(subnet) + " is in use");
                    }
                }
                subnets.forEach(this::retire);
            }
            if (type == ArmType.VIRTUAL_NETWORK) {
                // ARM deletes the network's subnets first and finishes after them.
                store.world().retireAfterDependents(resource, "Deleting", "Deleted");
            } else {
                retire(resource);
            }
            if (type == ArmType.VIRTUAL_MACHINE) {
                ObjectNode properties = (ObjectNode) ArmStore.document(resource).get("properties");
                JsonNode osDisk = properties.path("storageProfile").path("osDisk");
                if ("Delete".equalsIgnoreCase(osDisk.path("deleteOption").asText())) {
                    takeAlong(resource, osDisk.path("managedDisk").path("id").asText());
                }
                for (JsonNode nic : properties.path("networkProfile").path("networkInterfaces")) {
                    if ("Delete".equalsIgnoreCase(nic.path("properties").path("deleteOption").asText())) {
                        takeAlong(resource, nic.path("id").asText());
                    }
                }
            }
        } catch (CloudError e) {
            if (CloudError.DEPENDENCY_VIOLATION.equals(e.code())) {
                throw new CloudError(inUseCode(type), "Resource " + ArmStore.armId(resource)
                        + " is in use and cannot be deleted: " + e.getMessage());
            }
            throw e;
        }
    }

    /** Values that depend on other resources or on time, filled in at every read. */
    void render(ArmPath path, SimResource resource, ObjectNode properties, Function<SimResource, ObjectNode> renderer) {
        switch (path.type()) {
            case VIRTUAL_NETWORK -> {
                ArrayNode subnets = properties.putArray("subnets");
                store.world().dependents(resource).stream()
                        .filter(r -> r.type().equals(ArmType.SUBNET.key()))
                        .forEach(subnet -> subnets.add(renderer.apply(subnet)));
            }
            case NETWORK_SECURITY_GROUP -> {
                String id = ArmStore.armId(resource);
                for (JsonNode rule : properties.path("securityRules")) {
                    ((ObjectNode) rule).put("id", id + "/securityRules/" + rule.path("name").asText());
                    ((ObjectNode) rule).put("type", ArmType.SECURITY_RULE.display());
                    ((ObjectNode) rule.path("properties")).put("provisioningState", "Succeeded");
                }
                properties.set("defaultSecurityRules", defaultSecurityRules(id));
            }
            case CONNECTION -> properties.put("connectionStatus",
                    "Succeeded".equals(resource.state(store.world().clock().now())) ? "Connected" : "Unknown");
            default -> {
            }
        }
    }

    /** Creates or replaces one rule of the NSG; true when it is new. */
    boolean putSecurityRule(SimResource nsg, String name, ObjectNode body) {
        ObjectNode rule = ArmStore.JSON.createObjectNode();
        rule.put("name", name);
        rule.set("properties", body.path("properties").isObject() ? body.get("properties") : ArmStore.JSON.createObjectNode());
        ObjectNode document = ArmStore.document(nsg);
        ArrayNode rules = (ArrayNode) document.path("properties").path("securityRules");
        boolean created = true;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path("name").asText().equalsIgnoreCase(name)) {
                rules.remove(i);
                created = false;
                break;
            }
        }
        rules.add(storedRules(ArmStore.JSON.createArrayNode().add(rule)).get(0));
        ArmStore.write(nsg, document);
        return created;
    }

    /** Removes one rule of the NSG; false when it has no rule of that name. */
    boolean deleteSecurityRule(SimResource nsg, String name) {
        ObjectNode document = ArmStore.document(nsg);
        ArrayNode rules = (ArrayNode) document.path("properties").path("securityRules");
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path("name").asText().equalsIgnoreCase(name)) {
                rules.remove(i);
                ArmStore.write(nsg, document);
                return true;
            }
        }
        return false;
    }

    /** Rules as kept: name and properties; id, type and provisioning state are ARM's, rendered at every read. */
    private static ArrayNode storedRules(JsonNode given) {
        ArrayNode rules = ArmStore.JSON.createArrayNode();
        Set<String> names = new HashSet<>();
        for (JsonNode rule : given) {
            String name = text(rule.path("name"), "properties.securityRules.name");
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw invalid("properties.securityRules", "rule name '" + name + "' is given twice");
            }
            ObjectNode properties = rule.path("properties").isObject() ? ((ObjectNode) rule.get("properties")).deepCopy()
                    : ArmStore.JSON.createObjectNode();
            properties.remove("provisioningState");
            securityRule(name, properties);
            ObjectNode stored = rules.addObject().put("name", name);
            stored.set("properties", properties);
        }
        return rules;
    }

    /**
     * What ARM requires of a rule: {@code protocol}, {@code access}, {@code priority} and {@code direction}
     * ({@code SecurityRulePropertiesFormat.required} in networkSecurityGroup.json), a priority from 100 to
     * 4096 ("Network security groups", "Security rules"), Allow or Deny, Inbound or Outbound.
     */
    private static void securityRule(String name, JsonNode properties) {
        String field = "properties.securityRules[" + name + "].properties.";
        for (String required : List.of("protocol", "access", "priority", "direction")) {
            if (!properties.hasNonNull(required)) {
                throw invalid(field + required, "the field is required");
            }
        }
        JsonNode priority = properties.path("priority");
        if (!priority.canConvertToInt() || priority.asInt() < 100 || priority.asInt() > 4096) {
            throw new CloudError("SecurityRuleInvalidPriority", "Security rule " + name + " has invalid priority " + priority
                    + ". Value provided: " + priority + " Allowed range 100-4096.");
        }
        if (!List.of("Allow", "Deny").contains(properties.path("access").asText())) {
            throw invalid(field + "access", "must be Allow or Deny");
        }
        if (!List.of("Inbound", "Outbound").contains(properties.path("direction").asText())) {
            throw invalid(field + "direction", "must be Inbound or Outbound");
        }
    }

    /**
     * The six rules every NSG has ("Network security groups", Azure Virtual Network documentation,
     * "Default security rules"): allow the virtual network and the load balancer in, deny the rest;
     * allow the virtual network and the internet out, deny the rest.
     */
    private static ArrayNode defaultSecurityRules(String groupId) {
        ArrayNode rules = ArmStore.JSON.createArrayNode();
        defaultRule(rules, groupId, "AllowVnetInBound", 65000, "Inbound", "Allow", "VirtualNetwork", "VirtualNetwork");
        defaultRule(rules, groupId, "AllowAzureLoadBalancerInBound", 65001, "Inbound", "Allow", "AzureLoadBalancer", "*");
        defaultRule(rules, groupId, "DenyAllInBound", 65500, "Inbound", "Deny", "*", "*");
        defaultRule(rules, groupId, "AllowVnetOutBound", 65000, "Outbound", "Allow", "VirtualNetwork", "VirtualNetwork");
        defaultRule(rules, groupId, "AllowInternetOutBound", 65001, "Outbound", "Allow", "*", "Internet");
        defaultRule(rules, groupId, "DenyAllOutBound", 65500, "Outbound", "Deny", "*", "*");
        return rules;
    }

    private static void defaultRule(ArrayNode rules, String groupId, String name, int priority, String direction, String access,
                                    String source, String destination) {
        ObjectNode rule = rules.addObject();
        rule.put("id", groupId + "/defaultSecurityRules/" + name);
        rule.put("name", name);
        rule.put("type", "Microsoft.Network/networkSecurityGroups/defaultSecurityRules");
        rule.putObject("properties")
                .put("protocol", "*")
                .put("sourcePortRange", "*")
                .put("destinationPortRange", "*")
                .put("sourceAddressPrefix", source)
                .put("destinationAddressPrefix", destination)
                .put("access", access)
                .put("priority", priority)
                .put("direction", direction)
                .put("provisioningState", "Succeeded");
    }

    private void subnet(ArmPath path, SimResource resource, ObjectNode properties) {
        String prefix = prefix(properties.path("addressPrefix"), "properties.addressPrefix");
        SimResource network = store.require(path.subscription(), path.parentId(), "the subnet's virtual network");
        JsonNode space = ArmStore.document(network).path("properties").path("addressSpace").path("addressPrefixes");
        boolean inside = false;
        for (JsonNode block : space) {
            inside |= block(block.asText()).contains(block(prefix));
        }
        if (!inside) {
            throw new CloudError("NetcfgSubnetRangeOutsideVnet", "Subnet '" + path.name() + "' is not valid because its IP address range "
                    + prefix + " is outside the IP address range of virtual network '" + ArmStore.name(network) + "'.");
        }
        for (SimResource sibling : store.world().dependents(network)) {
            if (sibling.type().equals(ArmType.SUBNET.key()) && sibling != resource) {
                String other = ArmStore.document(sibling).path("properties").path("addressPrefix").asText();
                if (block(other).overlaps(block(prefix))) {
                    throw new CloudError("NetcfgSubnetRangesOverlap", "Subnet '" + path.name() + "' is not valid because its IP address range "
                            + "overlaps with that of an existing subnet in virtual network '" + ArmStore.name(network) + "'.");
                }
            }
        }
        resource.dependsOn().add(network.id());
        String nsg = properties.path("networkSecurityGroup").path("id").asText(null);
        if (nsg != null) {
            resource.dependsOn().add(store.require(path.subscription(), nsg, "properties.networkSecurityGroup.id").id());
        }
    }

    private void gateway(ArmPath path, SimResource resource, ObjectNode properties) {
        JsonNode configurations = properties.path("ipConfigurations");
        if (!configurations.isArray() || configurations.isEmpty()) {
            throw invalid("properties.ipConfigurations", "a virtual network gateway needs an IP configuration");
        }
        String tunnelAddress = null;
        String bgpAddress = null;
        for (JsonNode configuration : configurations) {
            String subnetId = text(configuration.path("properties").path("subnet").path("id"), "ipConfigurations.properties.subnet.id");
            SimResource subnet = store.require(path.subscription(), subnetId, "ipConfigurations.properties.subnet.id");
            if (!GATEWAY_SUBNET.equalsIgnoreCase(ArmStore.name(subnet))) {
                throw new CloudError("GatewaySubnet", "Subnet " + subnetId + " cannot be used for a virtual network gateway: "
                        + "its name must be GatewaySubnet.");
            }
            String ipId = text(configuration.path("properties").path("publicIPAddress").path("id"),
                    "ipConfigurations.properties.publicIPAddress.id");
            SimResource publicIp = store.require(path.subscription(), ipId, "ipConfigurations.properties.publicIPAddress.id");
            // Every IP configuration of a gateway carries its id, the ipConfigurationId a connection's
            // gatewayCustomBgpIpAddresses must name (GatewayCustomBgpIpAddressIpConfiguration: required).
            ((ObjectNode) configuration).put("id", ArmStore.armId(resource) + "/ipConfigurations/"
                    + configuration.path("name").asText("default"));
            resource.dependsOn().add(subnet.id());
            resource.dependsOn().add(publicIp.id());
            tunnelAddress = ArmStore.document(publicIp).path("properties").path("ipAddress").asText();
            IPAddress gatewayBlock = block(ArmStore.document(subnet).path("properties").path("addressPrefix").asText());
            bgpAddress = gatewayBlock.getUpper().withoutPrefixLength().increment(-1).toString();
        }
        ObjectNode bgp = properties.has("bgpSettings") && properties.get("bgpSettings").isObject()
                ? (ObjectNode) properties.get("bgpSettings") : properties.putObject("bgpSettings");
        bgp.put("asn", bgp.path("asn").asLong(65515));
        bgp.put("bgpPeeringAddress", bgpAddress);
        ArrayNode peering = bgp.has("bgpPeeringAddresses") && bgp.get("bgpPeeringAddresses").isArray()
                ? (ArrayNode) bgp.get("bgpPeeringAddresses") : bgp.putArray("bgpPeeringAddresses");
        if (peering.isEmpty()) {
            peering.addObject();
        }
        String configurationId = ArmStore.armId(resource) + "/ipConfigurations/"
                + configurations.get(0).path("name").asText("default");
        for (JsonNode address : peering) {
            for (JsonNode custom : address.path("customBgpIpAddresses")) {
                apipa(custom.asText(), "bgpSettings.bgpPeeringAddresses.customBgpIpAddresses");
            }
            ObjectNode entry = (ObjectNode) address;
            entry.put("ipconfigurationId", configurationId);
            entry.putArray("defaultBgpIpAddresses").add(bgpAddress);
            entry.putArray("tunnelIpAddresses").add(tunnelAddress);
        }
    }

    /** A gateway update may change its custom (APIPA) BGP addresses; everything else it keeps. */
    private static void customBgpAddresses(ObjectNode properties, JsonNode given) {
        JsonNode wanted = given.path("bgpSettings").path("bgpPeeringAddresses");
        JsonNode current = properties.path("bgpSettings").path("bgpPeeringAddresses");
        for (int i = 0; i < current.size() && i < wanted.size(); i++) {
            ArrayNode custom = ArmStore.JSON.createArrayNode();
            for (JsonNode address : wanted.get(i).path("customBgpIpAddresses")) {
                apipa(address.asText(), "bgpSettings.bgpPeeringAddresses.customBgpIpAddresses");
                custom.add(address.asText());
            }
            ((ObjectNode) current.get(i)).set("customBgpIpAddresses", custom);
        }
    }

    private void connection(String subscription, SimResource resource, ObjectNode properties) {
        SimResource gateway = store.require(subscription, text(properties.path("virtualNetworkGateway1").path("id"),
                "properties.virtualNetworkGateway1.id"), "properties.virtualNetworkGateway1.id");
        if (!"Succeeded".equals(gateway.state(store.world().clock().now()))) {
            throw new CloudError("ReferencedResourceNotProvisioned", "Cannot proceed with operation because resource "
                    + ArmStore.armId(gateway) + " used by resource " + ArmStore.armId(resource) + " is not in Succeeded state.");
        }
        SimResource local = store.require(subscription, text(properties.path("localNetworkGateway2").path("id"),
                "properties.localNetworkGateway2.id"), "properties.localNetworkGateway2.id");
        Set<String> onGateway = new HashSet<>();
        for (JsonNode peering : ArmStore.document(gateway).path("properties").path("bgpSettings").path("bgpPeeringAddresses")) {
            peering.path("customBgpIpAddresses").forEach(address -> onGateway.add(address.asText()));
        }
        for (JsonNode custom : properties.path("gatewayCustomBgpIpAddresses")) {
            // Both members are required (GatewayCustomBgpIpAddressIpConfiguration, network 2022-07-01 model).
            text(custom.path("ipConfigurationId"), "properties.gatewayCustomBgpIpAddresses.ipConfigurationId");
            String address = custom.path("customBgpIpAddress").asText();
            apipa(address, "properties.gatewayCustomBgpIpAddresses.customBgpIpAddress");
            if (!onGateway.contains(address)) {
                throw new CloudError("InvalidCustomBgpIpAddress", "Custom BGP address " + address
                        + " is not one of the custom BGP addresses of gateway " + ArmStore.armId(gateway) + ".");
            }
        }
        // ARM never returns the pre-shared key, and the world must not keep a secret in its snapshots.
        properties.remove("sharedKey");
        resource.dependsOn().add(gateway.id());
        resource.dependsOn().add(local.id());
    }

    private void nic(String subscription, SimResource resource, ObjectNode properties) {
        JsonNode configurations = properties.path("ipConfigurations");
        if (!configurations.isArray() || configurations.isEmpty()) {
            throw invalid("properties.ipConfigurations", "a network interface needs an IP configuration");
        }
        for (JsonNode configuration : configurations) {
            ObjectNode ip = (ObjectNode) configuration.path("properties");
            SimResource subnet = store.require(subscription, text(ip.path("subnet").path("id"), "ipConfigurations.properties.subnet.id"),
                    "ipConfigurations.properties.subnet.id");
            resource.dependsOn().add(subnet.id());
            ip.put("privateIPAddress", freeAddress(subnet));
            ip.put("privateIPAllocationMethod", ip.path("privateIPAllocationMethod").asText("Dynamic"));
        }
        String nsg = properties.path("networkSecurityGroup").path("id").asText(null);
        if (nsg != null) {
            resource.dependsOn().add(store.require(subscription, nsg, "properties.networkSecurityGroup.id").id());
        }
    }

    private void machine(ArmPath path, SimResource resource, ObjectNode properties) {
        text(properties.path("hardwareProfile").path("vmSize"), "properties.hardwareProfile.vmSize");
        if (properties.path("storageProfile").path("imageReference").isMissingNode()) {
            throw invalid("properties.storageProfile.imageReference", "a VM created from an image needs the image reference");
        }
        JsonNode nics = properties.path("networkProfile").path("networkInterfaces");
        if (!nics.isArray() || nics.isEmpty()) {
            throw invalid("properties.networkProfile.networkInterfaces", "a VM needs at least one network interface");
        }
        for (JsonNode nic : nics) {
            resource.dependsOn().add(store.require(path.subscription(), text(nic.path("id"), "networkInterfaces.id"),
                    "properties.networkProfile.networkInterfaces.id").id());
        }
        ObjectNode osProfile = properties.has("osProfile") ? (ObjectNode) properties.get("osProfile") : properties.putObject("osProfile");
        // ARM accepts these on create and never returns them; the world keeps customData out of the
        // document for what runs inside the VM (cloudsim's Kubernetes reads its cloud-init).
        if (osProfile.hasNonNull("customData")) {
            resource.attributes().put("customData", osProfile.get("customData").asText());
        }
        osProfile.remove("customData");
        osProfile.remove("adminPassword");
        properties.put("vmId", UUID.nameUUIDFromBytes(resource.id().getBytes(StandardCharsets.UTF_8)).toString());

        ObjectNode osDisk = properties.path("storageProfile").path("osDisk").isObject()
                ? (ObjectNode) properties.path("storageProfile").path("osDisk")
                : ((ObjectNode) properties.path("storageProfile")).putObject("osDisk");
        String diskName = path.name() + "_OsDisk_1_" + Integer.toHexString(resource.id().hashCode());
        ArmPath diskPath = new ArmPath(path.subscription(), path.resourceGroup(), ArmType.DISK, null, diskName, null);
        ObjectNode diskDocument = ArmStore.JSON.createObjectNode();
        ObjectNode diskProperties = diskDocument.putObject("properties");
        diskProperties.put("diskSizeGB", osDisk.path("diskSizeGB").asInt(30));
        diskProperties.put("osType", "Linux");
        diskProperties.put("diskState", "Attached");
        // A string, the VM's id (Disk.managedBy in the compute disk spec: "type": "string", readOnly).
        diskDocument.put("managedBy", ArmStore.armId(resource));
        SimResource disk = store.create(diskPath, ArmStore.location(resource), resource.tags(), diskDocument);
        osDisk.put("name", diskName);
        // OSDisk.createOption is required in every answer (compute 2022-08-01 model); a VM given only an
        // imageReference is created "FromImage".
        osDisk.put("createOption", osDisk.path("createOption").asText("FromImage"));
        ObjectNode managed = osDisk.path("managedDisk").isObject() ? (ObjectNode) osDisk.get("managedDisk") : osDisk.putObject("managedDisk");
        managed.put("id", diskPath.id());
        resource.dependsOn().add(disk.id());
    }

    /** A VM's disk or NIC created with {@code deleteOption: Delete} goes with it. */
    private void takeAlong(SimResource machine, String armId) {
        if (!armId.isEmpty()) {
            store.find(machine.key().account(), armId).filter(r -> !r.retired())
                    .ifPresent(part -> store.world().retireAfterDependents(part, "Deleting", "Deleted"));
        }
    }

    private void retire(SimResource resource) {
        store.world().retire(resource, "Deleting", "Deleted");
    }

    /** The lowest free address of the subnet, after the five Azure reserves (network, gateway, two DNS, broadcast). */
    private String freeAddress(SimResource subnet) {
        Set<String> taken = new HashSet<>();
        for (SimResource nic : store.world().dependents(subnet)) {
            for (JsonNode configuration : ArmStore.document(nic).path("properties").path("ipConfigurations")) {
                taken.add(configuration.path("properties").path("privateIPAddress").asText());
            }
        }
        IPAddress block = block(ArmStore.document(subnet).path("properties").path("addressPrefix").asText());
        IPAddress candidate = block.getLower().withoutPrefixLength().increment(4);
        while (block.contains(candidate) && !candidate.equals(block.getUpper().withoutPrefixLength())) {
            if (taken.add(candidate.toString())) {
                return candidate.toString();
            }
            candidate = candidate.increment(1);
        }
        throw new CloudError("SubnetIsFull", "Subnet " + ArmStore.armId(subnet) + " has no free address left.");
    }


    private static String inUseCode(ArmType type) {
        return switch (type) {
            case SUBNET, VIRTUAL_NETWORK -> "InUseSubnetCannotBeDeleted";
            case NETWORK_SECURITY_GROUP -> "InUseNetworkSecurityGroupCannotBeDeleted";
            case PUBLIC_IP_ADDRESS -> "PublicIPAddressInUse";
            case NETWORK_INTERFACE -> "NicInUse";
            case VIRTUAL_NETWORK_GATEWAY -> "InUseVirtualNetworkGatewayCannotBeDeleted";
            case LOCAL_NETWORK_GATEWAY -> "InUseLocalNetworkGatewayCannotBeDeleted";
            default -> "OperationNotAllowed";
        };
    }

    private static void prefixes(JsonNode prefixes, String field) {
        if (!prefixes.isArray() || prefixes.isEmpty()) {
            throw invalid(field, "at least one address prefix is required");
        }
        prefixes.forEach(p -> prefix(p, field));
    }

    private static String prefix(JsonNode value, String field) {
        IPAddress address = new IPAddressString(value.asText()).getAddress();
        if (address == null || !address.isIPv4() || address.getNetworkPrefixLength() == null) {
            throw new CloudError("InvalidAddressPrefixFormat", "Address prefix '" + value.asText() + "' of " + field
                    + " is not a valid IPv4 CIDR.");
        }
        return value.asText();
    }

    private static void address(JsonNode value, String field) {
        IPAddress address = new IPAddressString(value.asText()).getAddress();
        if (address == null || !address.isIPv4() || address.isPrefixed()) {
            throw invalid(field, "'" + value.asText() + "' is not an IPv4 address");
        }
    }

    private static void apipa(String value, String field) {
        IPAddress address = new IPAddressString(value).getAddress();
        if (address == null || !address.isIPv4() || address.compareTo(APIPA_FIRST) < 0 || address.compareTo(APIPA_LAST) > 0) {
            throw new CloudError("InvalidCustomBgpIpAddress", field + " '" + value
                    + "' must be within Azure's APIPA range 169.254.21.0 to 169.254.22.255.");
        }
    }

    private static IPAddress block(String cidr) {
        return new IPAddressString(cidr).getAddress().toPrefixBlock();
    }

    private static String text(JsonNode value, String field) {
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw invalid(field, "the field is required");
        }
        return value.asText();
    }

    private static CloudError invalid(String field, String rule) {
        return new CloudError("InvalidRequestFormat", "Cannot parse the request: " + field + ": " + rule + ".");
    }
}
