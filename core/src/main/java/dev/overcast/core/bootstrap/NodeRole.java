package dev.overcast.core.bootstrap;

/** What kubeadm does on an instance at first boot. */
public enum NodeRole {
    /** Master 0: {@code kubeadm init}, the cluster's first control-plane node. */
    INIT,
    /** Masters 1..n: {@code kubeadm join --control-plane}. */
    CONTROL_PLANE,
    /** Workers: plain {@code kubeadm join}. */
    WORKER
}
