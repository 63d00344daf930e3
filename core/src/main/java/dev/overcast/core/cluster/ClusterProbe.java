package dev.overcast.core.cluster;

import java.util.List;

/**
 * Reads a running cluster through its Kubernetes API, as the flows' wait-for-nodes and
 * verify-latency steps need it. Implemented on a real Kubernetes client ({@code overcast-kubernetes}),
 * so it reads cloudsim's simulated API server and a real cluster alike.
 *
 * <p>Round trips are published by the nodes themselves: each node carries the annotation
 * {@value #RTT_ANNOTATION}, a JSON object from every other node's name to the measured round trip in
 * milliseconds, e.g. {@code {"demo-instance-gcp-0": 1.62}}. In production a small probe DaemonSet
 * measures and patches its own node (one writer per node, no shared object to fight over); cloudsim
 * writes the world's modelled figure the same way.
 */
public interface ClusterProbe {
    String RTT_ANNOTATION = "overcast.dev/rtt-ms";
    /** The label kubeadm puts on control-plane nodes. */
    String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    /** Every registered node, sorted by name. */
    List<NodeStatus> nodes();

    /**
     * One entry per pair of nodes that published a round trip to each other (or one side did), sorted
     * by {@code from} then {@code to}, {@code from} &lt; {@code to}; the mean when both sides published.
     */
    List<NodeLatency> latencies();
}
