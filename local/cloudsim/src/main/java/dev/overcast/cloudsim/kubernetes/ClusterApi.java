package dev.overcast.cloudsim.kubernetes;

import dev.overcast.core.cluster.ClusterProbe;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One cluster's Kubernetes API server: fabric8's mock in CRUD mode (anything a client writes is
 * kept and read back, watches included). Before every request it brings the Node objects up to
 * date with the world, so a read after the clock moved sees the nodes that have joined since, with
 * no thread of its own. The simulated kubelets write through the same CRUD store a client would.
 */
final class ClusterApi implements AutoCloseable {
    private static final String NODES = "/api/v1/nodes";

    private final Supplier<List<SimNode>> desired;
    private final Map<String, SimNode> written = new HashMap<>();
    private final KubernetesMockServer server;

    ClusterApi(Supplier<List<SimNode>> desired) {
        this.desired = desired;
        this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new SyncingDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
    }

    /** {@code http://127.0.0.1:PORT}: the API server, no authentication. */
    URI endpoint() {
        return URI.create("http://" + server.getHostName() + ":" + server.getPort());
    }

    @Override
    public void close() {
        server.destroy();
    }

    private final class SyncingDispatcher extends KubernetesCrudDispatcher {
        SyncingDispatcher() {
            super(List.of());
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            sync(this);
            return super.dispatch(request);
        }
    }

    private synchronized void sync(KubernetesCrudDispatcher store) {
        Map<String, SimNode> now = new LinkedHashMap<>();
        desired.get().forEach(n -> now.put(n.name(), n));
        for (String gone : List.copyOf(written.keySet())) {
            if (!now.containsKey(gone)) {
                store.handleDelete(NODES + "/" + gone);
                written.remove(gone);
            }
        }
        now.forEach((name, node) -> {
            SimNode before = written.get(name);
            if (node.equals(before)) {
                return;
            }
            String json = Serialization.asJson(toNode(node));
            if (before == null) {
                store.handleCreate(request(HttpMethod.POST, NODES, json));
            } else {
                store.handleUpdate(request(HttpMethod.PUT, NODES + "/" + name, json));
            }
            written.put(name, node);
        });
    }

    private static RecordedRequest request(HttpMethod method, String path, String json) {
        Headers headers = Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest("HTTP/1.1", method, path, headers, new Buffer(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static Node toNode(SimNode node) {
        Map<String, String> labels = new LinkedHashMap<>(node.labels());
        labels.put("kubernetes.io/hostname", node.name());
        if (node.controlPlane()) {
            labels.put(ClusterProbe.CONTROL_PLANE_LABEL, "");
        }
        String since = node.since().toString();
        NodeBuilder builder = new NodeBuilder()
                .withNewMetadata().withName(node.name()).withLabels(labels)
                .addToAnnotations(ClusterProbe.RTT_ANNOTATION, Serialization.asJson(node.rttMs())).endMetadata()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus(node.ready() ? "True" : "False")
                .withReason(node.ready() ? "KubeletReady" : "KubeletNotReady")
                .withMessage(node.ready() ? "kubelet is posting ready status" : "Kubelet stopped posting node status.")
                .withLastTransitionTime(since).withLastHeartbeatTime(since).endCondition()
                .addNewAddress().withType("Hostname").withAddress(node.name()).endAddress()
                .endStatus();
        if (node.internalIp() != null) {
            builder.editStatus().addNewAddress().withType("InternalIP").withAddress(node.internalIp()).endAddress().endStatus();
        }
        return builder.build();
    }
}
