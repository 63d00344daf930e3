package dev.overcast.cloudsim.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.VirtualClock;
import dev.overcast.core.bootstrap.CloudInit;
import dev.overcast.core.Cloud;
import dev.overcast.core.cloud.OwnershipTags;
import dev.overcast.core.cluster.ClusterProbe;
import dev.overcast.core.plan.Attributes;
import dev.overcast.core.plan.Plan;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.plan.ResourceNames;
import dev.overcast.core.spec.ClusterSpec;
import dev.overcast.core.spec.MachinePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** One cluster over the three fronts, each instance launched on its cloud's wire with the planner's user-data. */
class KubernetesClustersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Plan PLAN = Planner.standard().plan(new ClusterSpec("demo", List.of("aws", "gcp", "azure"), null, "us-east",
            new MachinePool(1, "medium"), Map.of("gcp", new MachinePool(1, "medium"), "azure", new MachinePool(1, "medium")), null, "1.31"));
    private static final String MASTER = ResourceNames.master("demo", 0);
    private static final String GCP_WORKER = ResourceNames.worker("demo", Cloud.GCP, 0);
    private static final String AZURE_WORKER = ResourceNames.worker("demo", Cloud.AZURE, 0);
    private static final String COMPUTE = "/compute/v1/projects/overcast-local/";
    private static final String GROUP = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/demo";
    private static final String ARM = "?api-version=2024-05-01";

    private CloudSim sim;
    private HttpClient http;
    private KubernetesClient kubernetes;

    @BeforeEach
    void start() {
        sim = CloudSim.start(CloudSimConfig.defaults().withClock(VirtualClock.fixed(Instant.parse("2026-01-01T00:00:00Z")))
                .withEventualConsistency(false).withThrottling(false));
        http = HttpClient.newBuilder().sslContext(sim.azureTrust().clientContext()).build();
        kubernetes = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sim.kubernetes().endpoint("demo").toString()).build()).build();
    }

    @AfterEach
    void stop() {
        kubernetes.close();
        sim.close();
    }

    private static String userData(String instance) {
        return PLAN.byName().get(instance).attribute(Attributes.USER_DATA);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void launchAwsMaster() {
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(sim.awsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String vpc = ec2.createVpc(r -> r.cidrBlock("10.10.0.0/16")).vpc().vpcId();
            String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.10.0.0/20").availabilityZone("us-east-1a")).subnet().subnetId();
            ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").instanceType("m6i.xlarge").minCount(1).maxCount(1).subnetId(subnet)
                    .privateIpAddress(PLAN.byName().get(MASTER).attribute(Attributes.STATIC_PRIVATE_IP))
                    .userData(base64(userData(MASTER)))
                    .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                            .tags(Tag.builder().key(OwnershipTags.CLUSTER).value("demo").build()).build()));
        }
    }

    private void launchGcpWorker() throws Exception {
        call(sim.gcpEndpoint(), "POST", COMPUTE + "global/networks", Map.of("name", "net", "autoCreateSubnetworks", false));
        call(sim.gcpEndpoint(), "POST", COMPUTE + "regions/us-east4/subnetworks",
                Map.of("name", "sub", "network", "global/networks/net", "ipCidrRange", "10.20.0.0/20"));
        call(sim.gcpEndpoint(), "POST", COMPUTE + "zones/us-east4-a/instances", Map.of(
                "name", "gcp-worker",
                "machineType", "zones/us-east4-a/machineTypes/n2-standard-4",
                "labels", Map.of(OwnershipTags.key(Cloud.GCP, OwnershipTags.CLUSTER), "demo"),
                "disks", List.of(Map.of("boot", true, "initializeParams", Map.of("sourceImage", "projects/ubuntu-os-cloud/global/images/family/ubuntu-2204-lts"))),
                "networkInterfaces", List.of(Map.of("subnetwork", "regions/us-east4/subnetworks/sub")),
                "metadata", Map.of("items", List.of(Map.of("key", "user-data", "value", userData(GCP_WORKER))))));
    }

    private String launchAzureWorker() throws Exception {
        String vnet = GROUP + "/providers/Microsoft.Network/virtualNetworks/vnet";
        String nic = GROUP + "/providers/Microsoft.Network/networkInterfaces/nic";
        String vm = GROUP + "/providers/Microsoft.Compute/virtualMachines/azure-worker";
        call(sim.azureEndpoint(), "PUT", GROUP + ARM, Map.of("location", "eastus2"));
        call(sim.azureEndpoint(), "PUT", vnet + ARM, Map.of("location", "eastus2",
                "properties", Map.of("addressSpace", Map.of("addressPrefixes", List.of("10.30.0.0/16")))));
        call(sim.azureEndpoint(), "PUT", vnet + "/subnets/nodes" + ARM, Map.of("properties", Map.of("addressPrefix", "10.30.0.0/20")));
        call(sim.azureEndpoint(), "PUT", nic + ARM, Map.of("location", "eastus2", "properties", Map.of("ipConfigurations",
                List.of(Map.of("name", "p", "properties", Map.of("subnet", Map.of("id", vnet + "/subnets/nodes")))))));
        call(sim.azureEndpoint(), "PUT", vm + ARM, Map.of("location", "eastus2", "tags", Map.of(OwnershipTags.CLUSTER, "demo"),
                "properties", Map.of(
                        "hardwareProfile", Map.of("vmSize", "Standard_D4s_v5"),
                        "storageProfile", Map.of("imageReference", Map.of("publisher", "Canonical", "offer", "ubuntu", "sku", "22_04-lts", "version", "latest")),
                        "osProfile", Map.of("computerName", "azure-worker", "adminUsername", "overcast", "customData", base64(userData(AZURE_WORKER))),
                        "networkProfile", Map.of("networkInterfaces", List.of(Map.of("id", nic))))));
        return vm;
    }

    private HttpResponse<String> call(URI endpoint, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer t").header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isLessThan(300);
        return answer;
    }

    private List<Node> nodes() {
        return kubernetes.nodes().list().getItems();
    }

    private static boolean ready(Node node) {
        return node.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    @Test
    void instancesOfEveryCloud_shouldJoinOneCluster_andLeaveItWhenDeleted() throws Exception {
        launchAwsMaster();
        launchGcpWorker();
        String azureVm = launchAzureWorker();
        sim.world().advance(Duration.ofMinutes(4));
        assertThat(nodes()).extracting(n -> n.getMetadata().getName()).containsExactly(MASTER);

        sim.world().advance(Duration.ofSeconds(90));
        assertThat(nodes()).extracting(n -> n.getMetadata().getName(), KubernetesClustersTest::ready,
                n -> n.getMetadata().getLabels().get(CloudInit.CLOUD_LABEL), n -> n.getMetadata().getLabels().get(CloudInit.REGION_LABEL))
                .containsExactlyInAnyOrder(
                        tuple(MASTER, true, "aws", "us-east-1"),
                        tuple(GCP_WORKER, true, "gcp", "us-east4"),
                        tuple(AZURE_WORKER, true, "azure", "eastus2"));
        Node gcp = kubernetes.nodes().withName(GCP_WORKER).get();
        assertThat(gcp.getStatus().getAddresses()).anyMatch(a -> a.getType().equals("InternalIP") && a.getAddress().startsWith("10.20.0."));
        assertThat(JSON.readTree(gcp.getMetadata().getAnnotations().get(ClusterProbe.RTT_ANNOTATION)).fieldNames())
                .toIterable().containsExactlyInAnyOrder(MASTER, AZURE_WORKER);

        call(sim.azureEndpoint(), "DELETE", azureVm + ARM, null);
        assertThat(kubernetes.nodes().withName(AZURE_WORKER).get()).matches(n -> !ready(n), "NotReady while the VM is deleted");
        sim.world().advance(Duration.ofMinutes(5));
        assertThat(nodes()).extracting(n -> n.getMetadata().getName()).containsExactlyInAnyOrder(MASTER, GCP_WORKER);
    }
}
