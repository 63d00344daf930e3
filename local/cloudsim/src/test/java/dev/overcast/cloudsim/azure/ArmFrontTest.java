package dev.overcast.cloudsim.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.cloudsim.CloudSim;
import dev.overcast.cloudsim.CloudSimConfig;
import dev.overcast.cloudsim.wire.WireCheck;
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
    private static final String NSG = GROUP + "/providers/Microsoft.Network/networkSecurityGroups/nsg1";
    private static final String VM = GROUP + "/providers/Microsoft.Compute/virtualMachines/vm1";
    private static final String API = "?api-version=2024-05-01";

    private CloudSim sim;
    private HttpClient http;
    private int wireMark;

    private void start(CloudSimConfig config) {
        wireMark = WireCheck.mark();
        sim = CloudSim.start(config.withEventualConsistency(false));
        http = HttpClient.newBuilder().sslContext(sim.azureTrust().clientContext()).build();
    }

    /** Every answer of the front, errors included, is one the Azure specs allow (checked when the wire check is strict). */
    @AfterEach
    void stop() {
        sim.close();
        WireCheck.assertNoDeviationsSince(wireMark);
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

    @Test
    void groupDelete_shouldCascadeThroughAVmAndItsDisk_andBePolledThroughLocationOnly() throws Exception {
        start(CloudSimConfig.defaults());
        Snapshot before = sim.world().snapshot("azure", "00000000-0000-4000-8000-000000000001");
        networkWithSubnet();
        send("PUT", NSG + API, "{\"location\":\"westeurope\",\"properties\":{\"securityRules\":[]}}");
        vm();
        sim.world().advance(Duration.ofMinutes(5));

        HttpResponse<String> accepted = send("DELETE", GROUP + API, null);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> pollWhileDeleting = http.send(poll(location), HttpResponse.BodyHandlers.ofString());
        sim.world().advance(Duration.ofMinutes(5));
        HttpResponse<String> pollWhenDone = http.send(poll(location), HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Azure-AsyncOperation")).isEmpty();
        assertThat(pollWhileDeleting.statusCode()).isEqualTo(202);
        assertThat(pollWhileDeleting.headers().firstValue("Location")).isPresent();
        assertThat(pollWhenDone.statusCode()).isEqualTo(200);
        assertThat(sim.world().snapshot("azure", "00000000-0000-4000-8000-000000000001").diff(before)).isEmpty();
    }

    @Test
    void vnetPut_shouldKeepInlineSubnets_andASubnetPutShouldApplyItsChanges() throws Exception {
        start(CloudSimConfig.defaults());
        send("PUT", GROUP + API, "{\"location\":\"westeurope\"}");
        String addressSpace = "\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]}";
        send("PUT", VNET + API, "{\"location\":\"westeurope\",\"properties\":{" + addressSpace
                + ",\"subnets\":[{\"name\":\"a\",\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}},"
                + "{\"name\":\"b\",\"properties\":{\"addressPrefix\":\"10.0.2.0/24\"}}]}}");
        send("PUT", NSG + API, "{\"location\":\"westeurope\",\"properties\":{}}");

        HttpResponse<String> attach = send("PUT", VNET + "/subnets/a" + API,
                "{\"properties\":{\"addressPrefix\":\"10.0.1.0/24\",\"networkSecurityGroup\":{\"id\":\"" + NSG + "\"}}}");
        JsonNode subnet = JSON.readTree(send("GET", VNET + "/subnets/a" + API, null).body());
        HttpResponse<String> nsgInUse = send("DELETE", NSG + API, null);
        send("PUT", VNET + "?api-version=2024-05-01", "{\"location\":\"westeurope\",\"properties\":{" + addressSpace + "}}");
        int keptWhenOmittedSince2023 = JSON.readTree(send("GET", VNET + API, null).body()).at("/properties/subnets").size();
        sim.world().advance(Duration.ofMinutes(1));
        send("PUT", VNET + "?api-version=2022-07-01", "{\"location\":\"westeurope\",\"properties\":{" + addressSpace + "}}");
        sim.world().advance(Duration.ofMinutes(1));
        int keptWhenOmittedBefore = JSON.readTree(send("GET", VNET + API, null).body()).at("/properties/subnets").size();

        assertThat(attach.statusCode()).isEqualTo(200);
        assertThat(subnet.at("/properties/networkSecurityGroup/id").asText()).isEqualTo(NSG);
        assertThat(JSON.readTree(nsgInUse.body()).at("/error/code").asText()).isEqualTo("InUseNetworkSecurityGroupCannotBeDeleted");
        assertThat(keptWhenOmittedSince2023).isEqualTo(2);
        assertThat(keptWhenOmittedBefore).isZero();
    }

    @Test
    void resourceGroup_shouldAnswerHeadWith204Or404_andAMissingGroupWithResourceGroupNotFound() throws Exception {
        start(CloudSimConfig.defaults());
        send("PUT", GROUP + API, "{\"location\":\"westeurope\"}");

        HttpResponse<String> present = send("HEAD", GROUP + API, null);
        HttpResponse<String> absent = send("HEAD", SUB + "/resourceGroups/nope" + API, null);
        HttpResponse<String> missing = send("GET", SUB + "/resourceGroups/nope" + API, null);

        assertThat(present.statusCode()).isEqualTo(204);
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).at("/error/code").asText()).isEqualTo("ResourceGroupNotFound");
    }

    @Test
    void answers_shouldCarryArmsShapes_forDisksRulesAndMissingTokens() throws Exception {
        start(CloudSimConfig.defaults());
        networkWithSubnet();
        send("PUT", NSG + API, "{\"location\":\"westeurope\",\"properties\":{\"securityRules\":[{\"name\":\"ssh\",\"properties\":"
                + "{\"protocol\":\"Tcp\",\"access\":\"Allow\",\"direction\":\"Inbound\",\"priority\":100}}]}}");
        JsonNode vm = vm();

        JsonNode disk = JSON.readTree(send("GET", vm.at("/properties/storageProfile/osDisk/managedDisk/id").asText() + API, null).body());
        JsonNode nsg = JSON.readTree(send("GET", NSG + API, null).body());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(sim.azureEndpoint().resolve(GROUP + API)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(disk.path("managedBy").isTextual()).isTrue();
        assertThat(disk.path("managedBy").asText()).isEqualTo(vm.path("id").asText());
        assertThat(nsg.at("/properties/securityRules/0/id").asText()).isEqualTo(NSG + "/securityRules/ssh");
        assertThat(nsg.at("/properties/defaultSecurityRules").size()).isEqualTo(6);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer authorization_uri=");
    }

    @Test
    void listsInstanceViewAndRules_shouldBeServed() throws Exception {
        start(CloudSimConfig.defaults());
        networkWithSubnet();
        send("PUT", NSG + API, "{\"location\":\"westeurope\",\"properties\":{}}");
        vm();
        sim.world().advance(Duration.ofMinutes(5));

        JsonNode groups = JSON.readTree(send("GET", SUB + "/resourcegroups" + API, null).body());
        JsonNode inGroup = JSON.readTree(send("GET", GROUP + "/resources" + API, null).body());
        JsonNode networks = JSON.readTree(send("GET", SUB + "/providers/Microsoft.Network/virtualNetworks" + API, null).body());
        JsonNode machines = JSON.readTree(send("GET", SUB + "/providers/Microsoft.Compute/virtualMachines" + API, null).body());
        JsonNode view = JSON.readTree(send("GET", VM + "/instanceView" + API, null).body());
        HttpResponse<String> ruleCreated = send("PUT", NSG + "/securityRules/web" + API, "{\"properties\":{\"protocol\":\"Tcp\","
                + "\"access\":\"Allow\",\"direction\":\"Inbound\",\"priority\":200,\"destinationPortRange\":\"443\"}}");
        JsonNode rules = JSON.readTree(send("GET", NSG + "/securityRules" + API, null).body());
        HttpResponse<String> ruleDeleted = send("DELETE", NSG + "/securityRules/web" + API, null);
        HttpResponse<String> ruleGone = send("GET", NSG + "/securityRules/web" + API, null);
        HttpResponse<String> ruleWithoutDirection = send("PUT", NSG + "/securityRules/bad" + API,
                "{\"properties\":{\"protocol\":\"Tcp\",\"access\":\"Allow\",\"priority\":300}}");
        HttpResponse<String> ruleBelowPriority100 = send("PUT", NSG + "/securityRules/bad" + API,
                "{\"properties\":{\"protocol\":\"Tcp\",\"access\":\"Allow\",\"direction\":\"Inbound\",\"priority\":50}}");
        JsonNode defaultRule = JSON.readTree(send("GET", NSG + "/defaultSecurityRules/DenyAllInBound" + API, null).body());
        HttpResponse<String> defaultRuleWritten = send("PUT", NSG + "/defaultSecurityRules/DenyAllInBound" + API, "{\"properties\":{}}");

        assertThat(groups.at("/value/0/name").asText()).isEqualTo("rg1");
        assertThat(inGroup.path("value").findValuesAsText("type")).contains("Microsoft.Network/virtualNetworks", "Microsoft.Compute/virtualMachines", "Microsoft.Compute/disks")
                .doesNotContain("Microsoft.Network/virtualNetworks/subnets");
        assertThat(networks.at("/value/0/id").asText()).isEqualTo(VNET);
        assertThat(machines.at("/value/0/id").asText()).isEqualTo(VM);
        assertThat(view.path("statuses").findValuesAsText("code")).contains("ProvisioningState/succeeded", "PowerState/running");
        assertThat(ruleCreated.statusCode()).isEqualTo(201);
        assertThat(rules.at("/value/0/id").asText()).isEqualTo(NSG + "/securityRules/web");
        assertThat(ruleDeleted.statusCode()).isEqualTo(202);
        assertThat(ruleGone.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(ruleWithoutDirection.body()).at("/error/message").asText()).contains("properties.direction");
        assertThat(JSON.readTree(ruleBelowPriority100.body()).at("/error/code").asText()).isEqualTo("SecurityRuleInvalidPriority");
        assertThat(defaultRule.at("/properties/priority").asInt()).isEqualTo(65500);
        assertThat(defaultRule.path("id").asText()).isEqualTo(NSG + "/defaultSecurityRules/DenyAllInBound");
        assertThat(defaultRuleWritten.statusCode()).isEqualTo(405);
    }

    private void networkWithSubnet() throws IOException, InterruptedException {
        send("PUT", GROUP + API, "{\"location\":\"westeurope\"}");
        send("PUT", VNET + API, "{\"location\":\"westeurope\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.0.0.0/16\"]}}}");
        send("PUT", VNET + "/subnets/s1" + API, "{\"properties\":{\"addressPrefix\":\"10.0.1.0/24\"}}");
    }

    /** A VM with its NIC (in subnet s1, behind the NSG) and a managed OS disk, as the adapter creates one. */
    private JsonNode vm() throws IOException, InterruptedException {
        String nic = GROUP + "/providers/Microsoft.Network/networkInterfaces/nic1";
        send("PUT", nic + API, "{\"location\":\"westeurope\",\"properties\":{\"networkSecurityGroup\":{\"id\":\"" + NSG + "\"},"
                + "\"ipConfigurations\":[{\"name\":\"p\",\"properties\":{\"subnet\":{\"id\":\"" + VNET + "/subnets/s1\"}}}]}}");
        return JSON.readTree(send("PUT", VM + "?api-version=2024-11-01", "{\"location\":\"westeurope\",\"properties\":{"
                + "\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v5\"},"
                + "\"storageProfile\":{\"imageReference\":{\"publisher\":\"Canonical\",\"offer\":\"ubuntu-24_04-lts\",\"sku\":\"server\","
                + "\"version\":\"latest\"},\"osDisk\":{\"createOption\":\"FromImage\",\"deleteOption\":\"Delete\"}},"
                + "\"osProfile\":{\"computerName\":\"vm1\",\"adminUsername\":\"overcast\"},"
                + "\"networkProfile\":{\"networkInterfaces\":[{\"id\":\"" + nic + "\",\"properties\":{\"deleteOption\":\"Delete\"}}]}}}").body());
    }

    private HttpRequest poll(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer t").build();
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
