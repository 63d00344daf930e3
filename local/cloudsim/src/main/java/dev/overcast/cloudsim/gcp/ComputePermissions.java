package dev.overcast.cloudsim.gcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The IAM permissions a Compute call needs. Most follow from the method ({@code networks.insert} →
 * {@code compute.networks.create}); the rest are listed here because IAM also checks what a request
 * <em>uses</em> or <em>sets</em>: an instance insert uses its subnetwork, creates its boot disk and sets
 * metadata and labels; a firewall change updates its network's policy; a tunnel uses its gateways and router.
 */
final class ComputePermissions {

    private ComputePermissions() {
    }

    static List<String> of(String method, Map<String, Object> body) {
        int dot = method.indexOf('.');
        String collection = method.substring(0, dot);
        String verb = method.substring(dot + 1);
        if (collection.endsWith("Operations")) {
            // wait is a blocking get: IAM checks the same permission.
            return List.of("compute." + collection + ".get");
        }
        if (collection.equals("projects") && verb.equals("testIamPermissions")) {
            // Anyone may ask which of its own permissions it holds: IAM requires none for this call.
            return List.of();
        }
        List<String> needed = new ArrayList<>();
        needed.add("compute." + collection + "." + switch (verb) {
            case "insert" -> "create";
            case "patch" -> "update";
            case "aggregatedList" -> "list";
            default -> verb;
        });
        if (verb.equals("insert") && body.get("labels") instanceof Map<?, ?> labels && !labels.isEmpty()) {
            needed.add("compute." + collection + ".setLabels");
        }
        switch (method) {
            case "instances.insert" -> {
                needed.add("compute.subnetworks.use");
                needed.add("compute.disks.create");
                if (body.containsKey("metadata")) {
                    needed.add("compute.instances.setMetadata");
                }
            }
            case "firewalls.insert", "firewalls.patch", "firewalls.delete" -> needed.add("compute.networks.updatePolicy");
            case "vpnTunnels.insert" -> {
                needed.add("compute.vpnGateways.use");
                needed.add("compute.routers.use");
                if (body.containsKey("peerExternalGateway")) {
                    needed.add("compute.externalVpnGateways.use");
                }
            }
            default -> { }
        }
        return needed;
    }
}
