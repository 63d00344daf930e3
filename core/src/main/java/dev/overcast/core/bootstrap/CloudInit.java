package dev.overcast.core.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders an instance's {@code #cloud-config} user-data: kernel modules and sysctls for pod
 * networking, containerd with the systemd cgroup driver, kubelet/kubeadm/kubectl of the cluster's
 * minor version from the Kubernetes project's apt repository, then {@code kubeadm init} (master 0)
 * or {@code kubeadm join} (the others, {@code --control-plane} for masters) with a kubeadm config
 * written to {@value #KUBEADM_CONFIG}.
 *
 * <p>Secrets stay out: the config holds {@code @token@}-style placeholders that a boot command fills
 * from the {@link JoinSecret}, fetched by reference with the cloud's own identity ({@link SecretFetch}).
 * Maps are ordered and Jackson writes them as given, so the same plan gives byte-identical user-data.
 */
public final class CloudInit {
    public static final int API_PORT = 6443;
    public static final String REGION_LABEL = "topology.kubernetes.io/region";
    public static final String CLOUD_LABEL = "overcast.dev/cloud";
    public static final String KUBEADM_CONFIG = "/etc/overcast/kubeadm.yaml";
    static final String SECRET_COMMAND = "/usr/local/sbin/overcast-join-secret";
    /** kubeadm's v1beta3 config API: read by every supported version (1.29–1.33; deprecated, not removed, from 1.31). */
    static final String KUBEADM_API = "kubeadm.k8s.io/v1beta3";
    /** Pod networking: Calico reads the pod range from kubeadm's ClusterConfiguration, so the manifest needs no edit. */
    static final String CNI_MANIFEST = "https://raw.githubusercontent.com/projectcalico/calico/v3.28.2/manifests/calico.yaml";
    private static final String KEYRING = "/etc/apt/keyrings/kubernetes-apt-keyring.gpg";
    private static final List<String> BASE_PACKAGES = List.of("apt-transport-https", "ca-certificates", "containerd", "curl", "gpg", "python3");

    private final ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    /** The user-data of one node. */
    public String render(ClusterBootstrap cluster, BootstrapNode node) {
        SecretFetch fetch = SecretFetch.BY_CLOUD.get(node.cloud());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("package_update", true);
        TreeSet<String> packages = new TreeSet<>(BASE_PACKAGES);
        packages.addAll(fetch.packages());
        doc.put("packages", List.copyOf(packages));
        doc.put("write_files", List.of(
                file("/etc/modules-load.d/overcast-kubernetes.conf", "0644", "overlay\nbr_netfilter\n"),
                file("/etc/sysctl.d/90-overcast-kubernetes.conf", "0644",
                        "net.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nnet.ipv4.ip_forward = 1\n"),
                file(SECRET_COMMAND, "0700", secretScript(fetch.command(cluster.joinSecretRef(), node.region(), cluster.cluster()))),
                file(KUBEADM_CONFIG, "0600", kubeadmConfig(cluster, node))));
        doc.put("runcmd", runcmd(cluster, node));
        try {
            return "#cloud-config\n" + yaml.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cloud-config of " + node.name() + " does not serialise", e);
        }
    }

    private static Map<String, Object> file(String path, String permissions, String content) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", path);
        file.put("owner", "root:root");
        file.put("permissions", permissions);
        file.put("content", content);
        return file;
    }

    private static String secretScript(String fetchCommand) {
        return "#!/bin/sh\n"
                + "# Prints one field of the cluster's join secret, read by reference with this instance's cloud identity.\n"
                + "set -eu\n"
                + fetchCommand + " | python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' \"$1\"\n";
    }

    private String kubeadmConfig(ClusterBootstrap cluster, BootstrapNode node) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("name", node.name());
        registration.put("kubeletExtraArgs", Map.of("node-labels",
                REGION_LABEL + "=" + node.region() + "," + CLOUD_LABEL + "=" + node.cloud().id()));
        List<Map<String, Object>> docs = new ArrayList<>();
        if (node.role() == NodeRole.INIT) {
            Map<String, Object> init = header("InitConfiguration");
            // A token that never expires: workers added by a later scale join with the same secret.
            init.put("bootstrapTokens", List.of(ordered("token", placeholder(JoinSecret.TOKEN), "ttl", "0s")));
            init.put("certificateKey", placeholder(JoinSecret.CERTIFICATE_KEY));
            init.put("nodeRegistration", registration);
            init.put("localAPIEndpoint", ordered("advertiseAddress", cluster.controlPlaneAddress(), "bindPort", API_PORT));
            docs.add(init);
            Map<String, Object> clusterConfig = header("ClusterConfiguration");
            clusterConfig.put("clusterName", cluster.cluster());
            clusterConfig.put("kubernetesVersion", "stable-" + cluster.kubernetesVersion());
            clusterConfig.put("controlPlaneEndpoint", cluster.controlPlaneEndpoint());
            clusterConfig.put("networking", ordered("podSubnet", cluster.podCidr(), "serviceSubnet", cluster.serviceCidr()));
            docs.add(clusterConfig);
        } else {
            Map<String, Object> join = header("JoinConfiguration");
            join.put("discovery", Map.of("bootstrapToken", ordered(
                    "apiServerEndpoint", cluster.controlPlaneEndpoint(),
                    "token", placeholder(JoinSecret.TOKEN),
                    "caCertHashes", List.of(placeholder(JoinSecret.CA_CERT_HASH)))));
            join.put("nodeRegistration", registration);
            if (node.role() == NodeRole.CONTROL_PLANE) {
                join.put("controlPlane", Map.of("certificateKey", placeholder(JoinSecret.CERTIFICATE_KEY)));
            }
            docs.add(join);
        }
        List<String> texts = new ArrayList<>();
        for (Map<String, Object> d : docs) {
            try {
                texts.add(yaml.writeValueAsString(d));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("kubeadm config of " + node.name() + " does not serialise", e);
            }
        }
        return String.join("---\n", texts);
    }

    private static List<Object> runcmd(ClusterBootstrap cluster, BootstrapNode node) {
        String repo = "https://pkgs.k8s.io/core:/stable:/v" + cluster.kubernetesVersion() + "/deb/";
        List<Object> commands = new ArrayList<>(List.of(
                List.of("modprobe", "overlay"),
                List.of("modprobe", "br_netfilter"),
                List.of("sysctl", "--system"),
                shell("mkdir -p /etc/containerd && containerd config default"
                        + " | sed 's/SystemdCgroup = false/SystemdCgroup = true/' > /etc/containerd/config.toml"),
                List.of("systemctl", "restart", "containerd"),
                shell("mkdir -p -m 755 /etc/apt/keyrings && curl -fsSL " + repo + "Release.key | gpg --dearmor -o " + KEYRING),
                shell("echo 'deb [signed-by=" + KEYRING + "] " + repo + " /' > /etc/apt/sources.list.d/kubernetes.list"),
                List.of("apt-get", "update"),
                List.of("apt-get", "install", "-y", "kubelet", "kubeadm", "kubectl"),
                List.of("apt-mark", "hold", "kubelet", "kubeadm", "kubectl"),
                shell(fillPlaceholders(node.role()))));
        if (node.role() == NodeRole.INIT) {
            commands.add(shell("install -d -m 700 /etc/kubernetes/pki"
                    + " && " + SECRET_COMMAND + " " + JoinSecret.CA_CERT + " > /etc/kubernetes/pki/ca.crt"
                    + " && (umask 077 && " + SECRET_COMMAND + " " + JoinSecret.CA_KEY + " > /etc/kubernetes/pki/ca.key)"));
            // The join token and certificate key are in the secret already: keep them out of cloud-init's log.
            commands.add(List.of("kubeadm", "init", "--config", KUBEADM_CONFIG, "--upload-certs", "--skip-token-print", "--skip-certificate-key-print"));
            commands.add(List.of("kubectl", "--kubeconfig", "/etc/kubernetes/admin.conf", "apply", "-f", CNI_MANIFEST));
        } else {
            commands.add(List.of("kubeadm", "join", "--config", KUBEADM_CONFIG));
        }
        return commands;
    }

    /** One sed over the config per field the role's config names. */
    private static String fillPlaceholders(NodeRole role) {
        List<String> fields = switch (role) {
            case INIT -> List.of(JoinSecret.TOKEN, JoinSecret.CERTIFICATE_KEY);
            case CONTROL_PLANE -> List.of(JoinSecret.TOKEN, JoinSecret.CA_CERT_HASH, JoinSecret.CERTIFICATE_KEY);
            case WORKER -> List.of(JoinSecret.TOKEN, JoinSecret.CA_CERT_HASH);
        };
        StringBuilder sed = new StringBuilder("sed -i");
        for (String field : fields) {
            sed.append(" -e \"s|").append(placeholder(field)).append("|$(").append(SECRET_COMMAND).append(' ').append(field).append(")|g\"");
        }
        return sed.append(' ').append(KUBEADM_CONFIG).toString();
    }

    private static List<String> shell(String script) {
        return List.of("sh", "-c", script);
    }

    static String placeholder(String field) {
        return "@" + field + "@";
    }

    private static Map<String, Object> header(String kind) {
        return ordered("apiVersion", KUBEADM_API, "kind", kind);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
