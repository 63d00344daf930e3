package dev.overcast.core.bootstrap;

import java.util.Objects;

/**
 * What every node of a cluster shares at bootstrap, all of it plan data known before any instance exists.
 *
 * @param cluster             the cluster's name (its id in ownership tags)
 * @param kubernetesVersion   minor version, e.g. {@code 1.31}
 * @param controlPlaneAddress master 0's planned static private address; the API server is at port {@value CloudInit#API_PORT}
 * @param podCidr             the cluster's pod range (kubeadm's {@code podSubnet})
 * @param serviceCidr         the cluster's service range (kubeadm's {@code serviceSubnet})
 * @param joinSecretRef       name of the join secret in each cloud's secret store (see {@link JoinSecret})
 */
public record ClusterBootstrap(String cluster, String kubernetesVersion, String controlPlaneAddress,
                               String podCidr, String serviceCidr, String joinSecretRef) {

    public ClusterBootstrap {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
        Objects.requireNonNull(controlPlaneAddress, "controlPlaneAddress");
        Objects.requireNonNull(podCidr, "podCidr");
        Objects.requireNonNull(serviceCidr, "serviceCidr");
        Objects.requireNonNull(joinSecretRef, "joinSecretRef");
    }

    /** {@code 10.10.0.10:6443}: kubeadm's {@code controlPlaneEndpoint} and every joiner's API server. */
    public String controlPlaneEndpoint() {
        return controlPlaneAddress + ":" + CloudInit.API_PORT;
    }
}
