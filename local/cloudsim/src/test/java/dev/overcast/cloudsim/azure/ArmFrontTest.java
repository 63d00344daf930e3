package dev.overcast.cloudsim.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.Snapshot;
import dev.overcast.cloudsim.world.Throttle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ARM front over HTTPS with a plain JDK client: wire shapes, ARM's rules and the world's realism. */
class ArmFrontTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
    private static final String GROUP = SUB + "/resourceGroups/rg1";
    private static final String VNET = GROUP + "/providers/Microsoft.Network/virtualNetworks/vnet1";
    private static final String API = "?api-version=2024-05-01";

    private CloudSim sim;
    private HttpClient http;

    private void start(CloudSimConfig config) {
        sim = CloudSim.start(config.withEventualConsistency(false));
        http = HttpClient.newBuilder().sslContext(sim.azureTrust().clientContext()).build();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void request_shouldBeRefused_withoutApiVersion() throws Exception {
        start(CloudSimConfig.defaults());

        HttpResponse<String> answer = send("GET", GROUP, null);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).at("/error/code").asText()).isEqualTo("MissingApiVersionParameter");
    }

    @Test
    void put_shouldAnswerAnAsyncOperation_thatSucceedsOnlyOnceTheVirtualClockPassesTheDuration() throws Exception {
        start(CloudSimConfig.defaults());
        send("PUT", GROUP + API, "{\"location\":\"westeurope\"}");
        HttpResponse<String> created = send("PUT", VNET + API,
                "{\"location\":\"westeurope\",\"tags\":{\"k\":\"v\"},\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}");

        String operation = created.headers().firstValue("Azure-AsyncOperation").orElseThrow();
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Retry-After")).contains("1");
        assertThat(status(operation)).isEqualTo("InProgress");
        sim.world().advance(Duration.ofMinutes(1));
        assertThat(status(operation)).isEqualTo("Succeeded");
        JsonNode read = JSON.readTree(send("GET", VNET.toUpperCase().replace("SUBSCRIPTIONS", "subscriptions") + API, null).body());
        assertThat(read.at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(read.at("/tags/k").asText()).isEqualTo("v");
    }

    @Test
    void delete_shouldRefuseASubnetInUse_andTheGroupDeleteShouldRemoveEverything() throws Exception {
        start(CloudSimConfig.defaults());
        Snapshot before = sim.world().snapshot("azure", "00000000-0000-4000-8000-000000000001");
        send("PUT", GROUP + API, "{\"location\":\"westeurope\"}");
        send("PUT", VNET + API, "{\"location\":\"westeurope\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}");
        send("PUT", VNET + "/subnets/s1" + API, "{\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}}");
        JsonNode nic = JSON.readTree(send("PUT", GROUP + "/providers/Microsoft.Network/networkInterfaces/nic1" + API,
                "{\"location\":\"westeurope\",\"properties\":{\"ipConfigurations\":[{\"name\":\"p\",\"properties\":{\"subnet\":{\"id\":\""
                        + VNET + "/subnets/s1\"}}}]}}").body());

        HttpResponse<String> refused = send("DELETE", VNET + "/subnets/s1" + API, null);
        HttpResponse<String> group = send("DELETE", GROUP + API, null);
        sim.world().advance(Duration.ofMinutes(5));

        assertThat(nic.at("/properties/ipConfigurations/0/properties/privateIPAddress").asText()).isEqualTo("10.0.1.4");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("InUseSubnetCannotBeDeleted");
        assertThat(group.statusCode()).isEqualTo(202);
        assertThat(sim.world().snapshot("azure", "00000000-0000-4000-8000-000000000001").diff(before)).isEmpty();
        assertThat(send("GET", VNET + API, null).statusCode()).isEqualTo(404);
    }

    @Test
    void read_shouldAnswer429WithRetryAfter_whenTheReadBucketIsEmpty() throws Exception {
        start(CloudSimConfig.defaults().withThrottleLimits(Throttle.Limits.defaults().with("azure", "reads", new Throttle.Limit(1, 0.001))));
        send("GET", GROUP + API, null);

        HttpResponse<String> throttled = send("GET", GROUP + API, null);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(throttled.body()).at("/error/code").asText()).isEqualTo("TooManyRequests");
    }

    private String status(String operationUrl) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(operationUrl)).header("Authorization", "Bearer t").build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body()).path("status").asText();
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(sim.azureEndpoint().resolve(path))
                .header("Authorization", "Bearer t")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
