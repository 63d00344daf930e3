package dev.overcast.cloudsim.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.SimResource;
import dev.overcast.cloudsim.world.VirtualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";

    private final HttpClient http = HttpClient.newHttpClient();
    private CloudSim sim;

    @BeforeEach
    void start() {
        sim = CloudSim.start(CloudSimConfig.defaults().withClock(VirtualClock.fixed(Instant.parse("2026-01-01T00:00:00Z"))));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private record Answer(int status, JsonNode body) {}

    private Answer call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.controlEndpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    private SimResource vpc() {
        return sim.world().create("aws", ACCOUNT, "us-east-1", "vpc", "vpc-1", "pending", "available");
    }

    @Test
    void clockAdvance_shouldMoveTheVirtualClock() throws Exception {
        Answer answer = call("POST", "clock/advance", "{\"by\":\"PT10M\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("now").asText()).isEqualTo("2026-01-01T00:10:00Z");
        assertThat(sim.world().clock().now()).isEqualTo(Instant.parse("2026-01-01T00:10:00Z"));
    }

    @Test
    void kubernetes_shouldAnswerTheClustersApiServer_andNameAMissingCluster() throws Exception {
        Answer answer = call("GET", "kubernetes?cluster=demo", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("endpoint").asText()).isEqualTo(sim.kubernetes().endpoint("demo").toString()).startsWith("http://");
        assertThat(call("GET", "kubernetes", null).status()).isEqualTo(400);
    }

    @Test
    void faults_shouldBePlannedAndCleared() throws Exception {
        assertThat(call("POST", "faults", "{\"front\":\"aws\",\"action\":\"CreateVpc\",\"times\":1,\"code\":\"Unavailable\"}").status()).isEqualTo(200);
        assertThat(sim.world().faults().next("aws", "CreateVpc", List.of())).contains("Unavailable");

        call("POST", "faults", "{\"front\":\"aws\",\"action\":\"CreateVpc\",\"times\":1,\"code\":\"Unavailable\"}");
        call("DELETE", "faults", null);
        assertThat(sim.world().faults().next("aws", "CreateVpc", List.of())).isEmpty();
    }

    @Test
    void byHandChanges_shouldAlterAndDeleteResources_andShowInSnapshots() throws Exception {
        SimResource vpc = vpc();
        vpc.tags().put("team", "blue");

        Answer altered = call("POST", "alter", "{\"front\":\"aws\",\"account\":\"" + ACCOUNT + "\",\"region\":\"us-east-1\",\"id\":\"vpc-1\","
                + "\"setTags\":{\"team\":\"red\"},\"setAttributes\":{\"cidrBlock\":\"10.9.0.0/16\"}}");
        JsonNode snapshot = call("GET", "snapshot?front=aws&account=" + ACCOUNT, null).body();
        Answer deleted = call("POST", "delete", "{\"front\":\"aws\",\"account\":\"" + ACCOUNT + "\",\"region\":\"us-east-1\",\"id\":\"vpc-1\"}");
        JsonNode resources = call("GET", "resources?front=aws&account=" + ACCOUNT, null).body();

        assertThat(altered.body().path("altered").asBoolean()).isTrue();
        assertThat(snapshot.path("resources").path("vpc-1").path("tags").path("team").asText()).isEqualTo("red");
        assertThat(snapshot.path("resources").path("vpc-1").path("attributes").path("cidrBlock").asText()).isEqualTo("10.9.0.0/16");
        assertThat(deleted.body().path("deleted").asBoolean()).isTrue();
        assertThat(resources).isEmpty();
    }

    @Test
    void savedSnapshot_shouldDiffAgainstTheWorldAsItIsNow() throws Exception {
        Answer saved = call("POST", "snapshots", "{\"front\":\"aws\",\"account\":\"" + ACCOUNT + "\",\"name\":\"before\"}");
        vpc();

        JsonNode differences = call("GET", "snapshots/diff?name=before", null).body().path("differences");
        Answer unknown = call("GET", "snapshots/diff?name=never", null);

        assertThat(saved.body().path("resources").asInt()).isZero();
        assertThat(differences).hasSize(1);
        assertThat(differences.get(0).asText()).isEqualTo("+ vpc-1 (vpc, us-east-1)");
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void alter_shouldReplaceAListAttribute_withStringMaps_andRefuseOtherShapes() throws Exception {
        vpc().list("ingress").add(new LinkedHashMap<>(Map.of("fromPort", "22")));

        Answer replaced = call("POST", "alter", "{\"front\":\"aws\",\"account\":\"" + ACCOUNT + "\",\"region\":\"us-east-1\",\"id\":\"vpc-1\","
                + "\"setAttributes\":{\"ingress\":[{\"fromPort\":443}]}}");
        Answer refused = call("POST", "alter", "{\"front\":\"aws\",\"account\":\"" + ACCOUNT + "\",\"region\":\"us-east-1\",\"id\":\"vpc-1\","
                + "\"setAttributes\":{\"ingress\":{\"fromPort\":443}}}");

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(sim.world().find("aws", ACCOUNT, "us-east-1", "vpc-1").orElseThrow().list("ingress"))
                .containsExactly(Map.of("fromPort", "443"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("error").asText()).contains("setAttributes.ingress");
    }

    @Test
    void calls_shouldBeCountedPerAction() throws Exception {
        sim.world().calls().record("aws", "DescribeVpcs");
        sim.world().calls().record("aws", "DescribeVpcs");

        assertThat(call("GET", "calls?front=aws", null).body().path("DescribeVpcs").asLong()).isEqualTo(2);
        call("DELETE", "calls", null);
        assertThat(sim.world().calls().total("aws")).isZero();
    }

    @Test
    void badRequests_shouldAnswer400NamingTheField_and404ForUnknownPaths() throws Exception {
        Answer missingField = call("POST", "faults", "{\"front\":\"aws\",\"times\":1,\"code\":\"Unavailable\"}");
        Answer badDuration = call("POST", "clock/advance", "{\"by\":\"ten minutes\"}");
        Answer unknown = call("GET", "nothing", null);

        assertThat(missingField.status()).isEqualTo(400);
        assertThat(missingField.body().path("error").asText()).contains("'action'");
        assertThat(badDuration.status()).isEqualTo(400);
        assertThat(badDuration.body().path("error").asText()).contains("PT5M");
        assertThat(unknown.status()).isEqualTo(404);
    }
}
