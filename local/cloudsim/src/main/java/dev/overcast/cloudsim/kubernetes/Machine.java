package dev.overcast.cloudsim.kubernetes;

import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An instance of any cloud as the Kubernetes simulation sees it.
 *
 * @param cluster   the {@code overcast:cluster} tag in the cloud's spelling
 * @param running   the instance runs now (a node on it can be Ready)
 * @param gone      the instance is deleted (its node leaves the cluster)
 * @param runningAt when it started running
 * @param privateIp its private address, when the front keeps it on the instance
 */
record Machine(Cloud cloud, String cluster, boolean running, boolean gone, Instant runningAt, String privateIp, KubeadmIntent intent) {

    /**
     * Where each front keeps what matters here, in its cloud's own terms: the world type of its VMs,
     * the states in which one runs and in which it is gone, its user-data and its private address.
     */
    record Shape(Cloud cloud, String type, Set<String> running, String gone,
                 Function<SimResource, String> userData, Function<SimResource, String> privateIp) {
    }

    static final List<Shape> SHAPES = List.of(
            new Shape(Cloud.AWS, "instance", Set.of("running"), "terminated",
                    r -> base64(r.attribute("userData")), r -> r.attribute("privateIpAddress")),
            new Shape(Cloud.GCP, "instance", Set.of("RUNNING"), "TERMINATED",
                    Machine::gcpUserData, Machine::gcpNetworkIp),
            // An Azure VM being updated keeps running; its address lives on its network interface.
            new Shape(Cloud.AZURE, "virtualmachines", Set.of("Succeeded", "Updating"), "Deleted",
                    r -> base64(r.attribute("customData")), r -> null));

    /** Whether the resource carries the cluster's ownership tag: cheap, before {@link #of} decodes its user-data. */
    static boolean tagged(Shape shape, SimResource instance, String cluster) {
        return cluster.equals(instance.tags().get(OwnershipTags.key(shape.cloud(), OwnershipTags.CLUSTER)));
    }

    /** The machine, when the resource is an owned instance whose user-data carries a well-formed kubeadm intent. */
    static Optional<Machine> of(Shape shape, SimResource instance, Instant now) {
        String cluster = instance.tags().get(OwnershipTags.key(shape.cloud(), OwnershipTags.CLUSTER));
        if (cluster == null) {
            return Optional.empty();
        }
        String state = instance.state(now);
        return KubeadmIntent.of(shape.userData().apply(instance)).map(intent -> new Machine(shape.cloud(), cluster,
                shape.running().contains(state), state.equals(shape.gone()), instance.readyAt(), shape.privateIp().apply(instance), intent));
    }

    private static String base64(String encoded) {
        if (encoded == null) {
            return null;
        }
        try {
            return new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Compute keeps {@code metadata} as the request gave it: {@code {items: [{key, value}]}}. */
    private static String gcpUserData(SimResource instance) {
        if (instance.attributes().get("metadata") instanceof Map<?, ?> metadata && metadata.get("items") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> entry && "user-data".equals(entry.get("key")) && entry.get("value") != null) {
                    return entry.get("value").toString();
                }
            }
        }
        return null;
    }

    private static String gcpNetworkIp(SimResource instance) {
        if (instance.attributes().get("networkInterfaces") instanceof List<?> nics && !nics.isEmpty()
                && nics.get(0) instanceof Map<?, ?> nic && nic.get("networkIP") != null) {
            return nic.get("networkIP").toString();
        }
        return null;
    }
}
