package dev.overcast.cloudsim.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.world.ReadLag;
import dev.overcast.cloudsim.world.VirtualClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ARM's reads after writes lag for a window of time, never for a number of calls (issue 23, ARM item 2). */
class ArmReadLagTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg1";
    private static final String NETWORKS = GROUP + "/providers/Microsoft.Network/virtualNetworks";
    private static final String API = "?api-version=2024-05-01";

    @Test
    void list_shouldShowAResource_onceTheReadLagHasPassed_evenIfItsTypeWasNeverListed() throws Exception {
        try (CloudSim sim = CloudSim.start(CloudSimConfig.defaults().withClock(VirtualClock.fixed(Instant.parse("2026-01-01T00:00:00Z")))
                .withThrottling(false))) {
            HttpClient http = HttpClient.newBuilder().sslContext(sim.azureTrust().clientContext()).build();
            send(sim, http, "PUT", GROUP + API, "{\"location\":\"westeurope\"}");
            send(sim, http, "PUT", NETWORKS + "/vnet1" + API,
                    "{\"location\":\"westeurope\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}");
            sim.world().advance(Duration.ofMinutes(10));

            JsonNode listed = JSON.readTree(send(sim, http, "GET", NETWORKS + API, null).body());

            assertThat(listed.path("value")).extracting(n -> n.path("name").asText()).containsExactly("vnet1");
            send(sim, http, "PUT", NETWORKS + "/vnet2" + API,
                    "{\"location\":\"westeurope\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.1.0.0/16\"]}}}");
            assertThat(JSON.readTree(send(sim, http, "GET", NETWORKS + API, null).body()).path("value")).hasSize(1);
            sim.world().advance(ReadLag.defaults().of("azure"));
            assertThat(JSON.readTree(send(sim, http, "GET", NETWORKS + API, null).body()).path("value")).hasSize(2);
        }
    }

    private static HttpResponse<String> send(CloudSim sim, HttpClient http, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(sim.azureEndpoint().resolve(path))
                .header("Authorization", "Bearer t")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
