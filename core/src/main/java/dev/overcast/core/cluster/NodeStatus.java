package dev.overcast.core.cluster;

import dev.overcast.core.Cloud;

/**
 * One Kubernetes node as a probe reads it.
 *
 * @param name         the node name (the plan's instance name)
 * @param ready        its {@code Ready} condition is {@code True}
 * @param cloud        from the {@code overcast.dev/cloud} label; null when absent or unknown
 * @param region       from the {@code topology.kubernetes.io/region} label; null when absent
 * @param controlPlane it carries {@code node-role.kubernetes.io/control-plane}
 */
public record NodeStatus(String name, boolean ready, Cloud cloud, String region, boolean controlPlane) {
}
