package dev.overcast.cloudsim.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What kubeadm would do with an instance's cloud-init user-data: {@code kubeadm init} or
 * {@code kubeadm join} from {@code runcmd}, with the {@code --config} file it names read from
 * {@code write_files}. Only a well-formed intent counts: a {@code #cloud-config} document, the
 * command, its config with an Init- or JoinConfiguration naming the node, and for a join an API
 * server endpoint, a token and a CA cert hash. Anything else is ignored, as a broken boot script
 * leaves an instance that never becomes a node.
 *
 * @param init          true for {@code kubeadm init}
 * @param controlPlane  true for master nodes (init, or join with a {@code controlPlane} section)
 * @param nodeName      {@code nodeRegistration.name}
 * @param labels        from {@code nodeRegistration.kubeletExtraArgs.node-labels}
 * @param endpoint      init: {@code controlPlaneEndpoint}; join: {@code discovery.bootstrapToken.apiServerEndpoint}
 */
record KubeadmIntent(boolean init, boolean controlPlane, String nodeName, Map<String, String> labels, String endpoint) {

    private static final ObjectMapper YAML = new YAMLMapper();

    static Optional<KubeadmIntent> of(String userData) {
        if (userData == null || !userData.startsWith("#cloud-config")) {
            return Optional.empty();
        }
        try {
            JsonNode doc = YAML.readTree(userData);
            for (JsonNode command : doc.path("runcmd")) {
                List<String> words = words(command);
                int config = words.indexOf("--config");
                if (words.size() < 2 || !words.get(0).equals("kubeadm") || config < 0 || config + 1 >= words.size()) {
                    continue;
                }
                String verb = words.get(1);
                if (verb.equals("init") || verb.equals("join")) {
                    return parse(verb.equals("init"), file(doc, words.get(config + 1)));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> words(JsonNode command) {
        if (command.isTextual()) {
            return Arrays.asList(command.asText().trim().split("\\s+"));
        }
        List<String> words = new ArrayList<>();
        command.forEach(w -> words.add(w.asText()));
        return words;
    }

    private static String file(JsonNode doc, String path) {
        for (JsonNode file : doc.path("write_files")) {
            if (path.equals(file.path("path").asText())) {
                return file.path("content").asText();
            }
        }
        return "";
    }

    private static Optional<KubeadmIntent> parse(boolean init, String config) throws IOException {
        List<JsonNode> docs = YAML.readValues(YAML.createParser(config), JsonNode.class).readAll();
        JsonNode main = find(docs, init ? "InitConfiguration" : "JoinConfiguration");
        String name = main.path("nodeRegistration").path("name").asText("");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> labels = labels(main.path("nodeRegistration").path("kubeletExtraArgs").path("node-labels").asText(""));
        if (init) {
            String endpoint = find(docs, "ClusterConfiguration").path("controlPlaneEndpoint").asText("");
            return endpoint.isEmpty() ? Optional.empty() : Optional.of(new KubeadmIntent(true, true, name, labels, endpoint));
        }
        JsonNode token = main.path("discovery").path("bootstrapToken");
        String endpoint = token.path("apiServerEndpoint").asText("");
        if (endpoint.isEmpty() || token.path("token").asText("").isEmpty() || token.path("caCertHashes").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KubeadmIntent(false, main.has("controlPlane"), name, labels, endpoint));
    }

    private static JsonNode find(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst().orElse(MissingNode.getInstance());
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return labels;
    }
}
