package dev.overcast.clouds.kubernetes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.core.bootstrap.CloudInit;
import dev.overcast.core.Cloud;
import dev.overcast.core.cluster.ClusterProbe;
import dev.overcast.core.cluster.NodeLatency;
import dev.overcast.core.cluster.NodeStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ClusterProbe} on fabric8's Kubernetes client: one node list per call. */
public final class KubernetesClusterProbe implements ClusterProbe, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesClusterProbe.class);
    private static final TypeReference<Map<String, Double>> RTT_MAP = new TypeReference<>() {
    };

    private final KubernetesClient client;
    private final ObjectMapper json = new ObjectMapper();

    public KubernetesClusterProbe(KubernetesClient client) {
        this.client = client;
    }

    /** A cluster from a kubeconfig document (the cluster's admin kubeconfig, read from the secret store). */
    public static KubernetesClusterProbe fromKubeconfig(String kubeconfig) {
        return of(Config.fromKubeconfig(kubeconfig));
    }

    /** An API server that asks for no credentials, such as cloudsim's ({@code CloudSim.kubernetes().endpoint(id)}). */
    public static KubernetesClusterProbe at(String apiServerUrl) {
        return of(new ConfigBuilder(Config.empty()).withMasterUrl(apiServerUrl).build());
    }

    private static KubernetesClusterProbe of(Config config) {
        return new KubernetesClusterProbe(new KubernetesClientBuilder().withConfig(config).build());
    }

    @Override
    public List<NodeStatus> nodes() {
        return listNodes().stream().map(KubernetesClusterProbe::status).toList();
    }

    @Override
    public List<NodeLatency> latencies() {
        Map<String, double[]> sums = new TreeMap<>();
        for (Node node : listNodes()) {
            String from = node.getMetadata().getName();
            rtts(node).forEach((to, millis) -> {
                String key = from.compareTo(to) < 0 ? from + "\n" + to : to + "\n" + from;
                double[] sum = sums.computeIfAbsent(key, k -> new double[2]);
                sum[0] += millis;
                sum[1]++;
            });
        }
        List<NodeLatency> latencies = new ArrayList<>();
        sums.forEach((key, sum) -> {
            String[] pair = key.split("\n");
            latencies.add(new NodeLatency(pair[0], pair[1], sum[0] / sum[1]));
        });
        return latencies;
    }

    @Override
    public void close() {
        client.close();
    }

    private List<Node> listNodes() {
        List<Node> nodes = new ArrayList<>(client.nodes().list().getItems());
        nodes.sort(Comparator.comparing(n -> n.getMetadata().getName()));
        return nodes;
    }

    private Map<String, Double> rtts(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        String published = annotations == null ? null : annotations.get(RTT_ANNOTATION);
        if (published == null) {
            return Map.of();
        }
        try {
            return json.readValue(published, RTT_MAP);
        } catch (IOException e) {
            // A probe that wrote garbage measured nothing usable; the others still count.
            LOG.warn("node {}: annotation {} is not a JSON object of milliseconds: {}", node.getMetadata().getName(), RTT_ANNOTATION, e.getMessage());
            return Map.of();
        }
    }

    private static NodeStatus status(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new NodeStatus(node.getMetadata().getName(), ready, Cloud.fromId(labels.get(CloudInit.CLOUD_LABEL)).orElse(null),
                labels.get(CloudInit.REGION_LABEL), labels.containsKey(CONTROL_PLANE_LABEL));
    }
}
