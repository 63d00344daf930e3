package dev.overcast.cloudsim.azure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The resource types the front serves, with ARM's spelling. {@link #key()} is the lower-case name the
 * world uses for durations, quotas and the call log (e.g. {@code virtualnetworkgateways.create}).
 */
enum ArmType {
    RESOURCE_GROUP("", "resourceGroups", null, "Microsoft.Resources/resourceGroups"),
    VIRTUAL_NETWORK("Microsoft.Network", "virtualNetworks", null, "Microsoft.Network/virtualNetworks"),
    SUBNET("Microsoft.Network", "subnets", VIRTUAL_NETWORK, "Microsoft.Network/virtualNetworks/subnets"),
    NETWORK_SECURITY_GROUP("Microsoft.Network", "networkSecurityGroups", null, "Microsoft.Network/networkSecurityGroups"),
    /** Kept inside its NSG's document (its {@code securityRules}), served as a child resource too. */
    SECURITY_RULE("Microsoft.Network", "securityRules", NETWORK_SECURITY_GROUP, "Microsoft.Network/networkSecurityGroups/securityRules"),
    /** The six rules every NSG has, read-only, rendered from its document. */
    DEFAULT_SECURITY_RULE("Microsoft.Network", "defaultSecurityRules", NETWORK_SECURITY_GROUP,
            "Microsoft.Network/networkSecurityGroups/defaultSecurityRules"),
    PUBLIC_IP_ADDRESS("Microsoft.Network", "publicIPAddresses", null, "Microsoft.Network/publicIPAddresses"),
    VIRTUAL_NETWORK_GATEWAY("Microsoft.Network", "virtualNetworkGateways", null, "Microsoft.Network/virtualNetworkGateways"),
    LOCAL_NETWORK_GATEWAY("Microsoft.Network", "localNetworkGateways", null, "Microsoft.Network/localNetworkGateways"),
    CONNECTION("Microsoft.Network", "connections", null, "Microsoft.Network/connections"),
    NETWORK_INTERFACE("Microsoft.Network", "networkInterfaces", null, "Microsoft.Network/networkInterfaces"),
    VIRTUAL_MACHINE("Microsoft.Compute", "virtualMachines", null, "Microsoft.Compute/virtualMachines"),
    DISK("Microsoft.Compute", "disks", null, "Microsoft.Compute/disks"),
    /** A VM's run-time status, read-only ({@code GET …/virtualMachines/{vm}/instanceView}). */
    INSTANCE_VIEW("Microsoft.Compute", "instanceView", VIRTUAL_MACHINE, "Microsoft.Compute/virtualMachines/instanceView"),
    /** Every top-level resource of a group, read-only ({@code GET …/resourceGroups/{group}/resources}). */
    GROUP_RESOURCES("", "resources", RESOURCE_GROUP, "Microsoft.Resources/subscriptions/resourceGroups/resources");

    private final String namespace;
    private final String segment;
    private final ArmType parent;
    private final String display;

    ArmType(String namespace, String segment, ArmType parent, String display) {
        this.namespace = namespace;
        this.segment = segment;
        this.parent = parent;
        this.display = display;
    }

    /** The type named by a path's provider namespace and type segment, case-insensitively. */
    static Optional<ArmType> of(String namespace, String segment, ArmType parent) {
        return Arrays.stream(values())
                .filter(t -> t.parent == parent && t.namespace.equalsIgnoreCase(namespace) && t.segment.equalsIgnoreCase(segment))
                .findFirst();
    }

    String namespace() {
        return namespace;
    }

    String segment() {
        return segment;
    }

    /** ARM's {@code type} field. */
    String display() {
        return display;
    }

    ArmType parent() {
        return parent;
    }

    String key() {
        return segment.toLowerCase(Locale.ROOT);
    }

    /** Whether a PUT or DELETE of this type answers as a long-running operation. */
    boolean longRunning() {
        return this != RESOURCE_GROUP;
    }

    /** Whether the type is kept in the world as resources of its own (not a view or part of another's document). */
    boolean stored() {
        return this != SECURITY_RULE && this != DEFAULT_SECURITY_RULE && this != INSTANCE_VIEW && this != GROUP_RESOURCES;
    }
}
