package dev.overcast.cloudsim.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure RBAC actions an ARM call needs. Most follow from the resource type and the verb
 * ({@code PUT virtualNetworks} → {@code Microsoft.Network/virtualNetworks/write}); listed here are the ones
 * that do not: resource groups are authorised as {@code Microsoft.Resources/subscriptions/resourceGroups/…},
 * an operation's status as {@code <namespace>/locations/operations/read}, and ARM also checks the
 * {@code join/action} of what a resource attaches to (a NIC joins its subnet and NSG, a VM its NIC, a gateway
 * its public IP and subnet), the managed disk a VM creates, and what a VM's delete removes with it.
 */
final class ArmPermissions {

    private static final Pattern OPERATION_NAMESPACE = Pattern.compile("(?i).*/providers/([^/]+)/locations/[^/]+/operations/.*");

    private ArmPermissions() {
    }

    static List<String> of(String method, ArmPath path, String rawPath, ObjectNode body) {
        if (path.operation() != null) {
            Matcher namespace = OPERATION_NAMESPACE.matcher(rawPath);
            return namespace.matches() ? List.of(namespace.group(1) + "/locations/operations/read") : List.of();
        }
        String verb = switch (method) {
            case "PUT", "PATCH" -> "write";
            case "DELETE" -> "delete";
            default -> "read";
        };
        if (path.type() == ArmType.RESOURCE_GROUP) {
            return List.of("Microsoft.Resources/subscriptions/resourceGroups/" + verb);
        }
        List<String> needed = new ArrayList<>();
        needed.add(path.type().display() + "/" + verb);
        if (verb.equals("write")) {
            switch (path.type()) {
                case NETWORK_INTERFACE -> {
                    needed.add("Microsoft.Network/virtualNetworks/subnets/join/action");
                    if (body.path("properties").has("networkSecurityGroup")) {
                        needed.add("Microsoft.Network/networkSecurityGroups/join/action");
                    }
                }
                case VIRTUAL_MACHINE -> {
                    needed.add("Microsoft.Network/networkInterfaces/join/action");
                    needed.add("Microsoft.Compute/disks/write");
                }
                case VIRTUAL_NETWORK_GATEWAY -> {
                    needed.add("Microsoft.Network/publicIPAddresses/join/action");
                    needed.add("Microsoft.Network/virtualNetworks/subnets/join/action");
                }
                default -> { }
            }
        }
        if (verb.equals("delete") && path.type() == ArmType.VIRTUAL_MACHINE) {
            needed.add("Microsoft.Compute/disks/delete");
            needed.add("Microsoft.Network/networkInterfaces/delete");
        }
        return needed;
    }
}
