package dev.overcast.core.bootstrap;

import dev.overcast.core.Cloud;
import java.util.Objects;

/**
 * One instance as Kubernetes will know it.
 *
 * @param name   the plan's resource name, which becomes the node name
 * @param cloud  its cloud (label {@value CloudInit#CLOUD_LABEL}, and which secret store it reads)
 * @param region its region (label {@value CloudInit#REGION_LABEL})
 * @param role   what kubeadm does on it
 */
public record BootstrapNode(String name, Cloud cloud, String region, NodeRole role) {

    public BootstrapNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(role, "role");
    }
}
