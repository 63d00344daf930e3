package dev.overcast.cloudsim.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.compute.v1.InsertNetworkRequest;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworksClient;
import com.google.cloud.compute.v1.NetworksSettings;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.wire.Specs;
import dev.overcast.cloudsim.wire.WireCheck;
import dev.overcast.cloudsim.world.Durations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Compute front against Compute's discovery document, with the wire check on. */
class ComputeWireCheckTest {

    private static final String PROJECT = "overcast-local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String modeBefore;

    @BeforeAll
    static void checkOn() {
        assumeTrue(Specs.gzippedJson("gcp/compute.v1.json.gz").isPresent(), "shared/specs is not beside the repository");
        modeBefore = System.getProperty(WireCheck.MODE_PROPERTY);
        System.setProperty(WireCheck.MODE_PROPERTY, "report");
    }

    @AfterAll
    static void restore() {
        if (modeBefore == null) {
            System.clearProperty(WireCheck.MODE_PROPERTY);
        } else {
            System.setProperty(WireCheck.MODE_PROPERTY, modeBefore);
        }
    }

    @Test
    void requests_shouldBeRefusedAsGoogleRefusesThem_whenTheyCarryWhatTheMethodDoesNotDeclare() throws Exception {
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withDurations(Durations.none()).withThrottling(false))) {
            String networks = sim.gcpEndpoint() + "/compute/v1/projects/" + PROJECT + "/global/networks";

            HttpResponse<String> unknownMember = post(networks, Map.of("name", "n", "colour", "blue"));
            HttpResponse<String> wrongEnum = post(networks, Map.of("name", "n", "routingConfig", Map.of("routingMode", "SIDEWAYS")));
            HttpResponse<String> unknownParameter = send(HttpRequest.newBuilder(URI.create(networks + "?color=blue")).GET());
            HttpResponse<String> accepted = post(networks + "?requestId=3f0c6c1e-2b7a-4a39-8d7e-1f2a3b4c5d6e",
                    Map.of("name", "n", "autoCreateSubnetworks", false, "routingConfig", Map.of("routingMode", "GLOBAL")));

            assertThat(unknownMember.statusCode()).isEqualTo(400);
            assertThat(unknownMember.body()).contains("Unknown name \\\"colour\\\" at 'network_resource': Cannot find field.", "badRequest");
            assertThat(wrongEnum.statusCode()).isEqualTo(400);
            assertThat(wrongEnum.body()).contains("network_resource.routing_config.routing_mode");
            assertThat(unknownParameter.statusCode()).isEqualTo(400);
            assertThat(unknownParameter.body()).contains("Cannot bind query parameter. Field 'color'");
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(accepted.body()).path("kind").asText()).isEqualTo("compute#operation");
        }
    }

    @Test
    void answers_shouldDepartFromNothing_whenTheJavaClientWalksTheNetworkKinds() throws Exception {
        int mark = WireCheck.mark();
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withDurations(Durations.none()).withThrottling(false));
             NetworksClient networks = NetworksClient.create(NetworksSettings.newBuilder().setEndpoint(sim.gcpEndpoint().toString())
                     .setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            networks.insertAsync(InsertNetworkRequest.newBuilder().setProject(PROJECT)
                    .setNetworkResource(Network.newBuilder().setName("main").setAutoCreateSubnetworks(false)).build()).get();
            networks.get(PROJECT, "main");
            networks.list(PROJECT).iterateAll().forEach(n -> { });
            networks.deleteAsync(PROJECT, "main").get();
            String project = sim.gcpEndpoint() + "/compute/v1/projects/" + PROJECT;
            for (String read : List.of("/regions", "/regions/europe-west1", "/zones", "/zones/europe-west1-b",
                    "/zones/europe-west1-b/machineTypes/n2-standard-2", "/aggregated/addresses?maxResults=2&includeAllScopes=true",
                    "/aggregated/instances", "/global/firewalls?filter=name%20eq%20%22.*%22")) {
                assertThat(send(HttpRequest.newBuilder(URI.create(project + read)).GET()).statusCode()).as(read).isEqualTo(200);
            }
        }

        assertThat(WireCheck.deviationsSince(mark)).isEmpty();
    }

    @Test
    void check_shouldFindWhatGcloudTripsOn_whenAFingerprintIsNotBase64OrAnIdIsANumber() {
        Discovery compute = new Discovery(Specs.gzippedJson("gcp/compute.v1.json.gz").orElseThrow());

        List<Discovery.Problem> problems = compute.check(JSON.valueToTree(Map.of(
                "kind", "compute#address", "labelFingerprint", "0", "id", 12345, "status", "READY", "colour", "blue")), "Address", true);

        assertThat(problems).extracting(Discovery.Problem::path).containsExactlyInAnyOrder("labelFingerprint", "id", "status", "colour");
        assertThat(compute.method("POST", "projects/p/regions/r/routers/x/getRouterStatus")).isEmpty();
        assertThat(compute.method("GET", "projects/p/regions/r/routers/x/getRouterStatus")).map(Discovery.Method::id)
                .isEqualTo(Optional.of("routers.getRouterStatus"));
    }

    private static HttpResponse<String> post(String url, Map<String, Object> body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
