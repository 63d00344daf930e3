package dev.overcast.cloudsim.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ARM wire check against the Azure REST specs: what it finds deviating, and what it lets pass. */
class ArmWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NSG = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg1";
    private static final String CONNECTION = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/connections/tunnel";
    private static final String SPEC_VERSION = "2024-05-01";

    private final List<String> found = new ArrayList<>();

    @BeforeEach
    void specsOnHand() {
        assumeFalse(new ArmWire().definedOperations().isEmpty(), "no shared/specs/azure beside the repository: nothing to check against");
    }

    @Test
    void check_shouldPassAnNsgCreate_thatTheSpecDeclares() throws Exception {
        found.addAll(ArmWire.deviations("PUT", NSG, SPEC_VERSION, rule("Tcp"), new ArmAnswer(201, nsg("Tcp"), lroHeaders())));

        assertThat(found).isEmpty();
    }

    @Test
    void check_shouldRecordAStatusTheOperationDoesNotDeclare() throws Exception {
        found.addAll(ArmWire.deviations("PUT", NSG, SPEC_VERSION, rule("Tcp"), new ArmAnswer(202, nsg("Tcp"), lroHeaders())));

        assertThat(found).containsExactly("answered 202, the operation declares 200/201");
    }

    @Test
    void check_shouldRecordAnAcceptedRequestMissingARequiredProperty() throws Exception {
        JsonNode request = JSON.readTree("{\"location\":\"westeurope\",\"properties\":{\"securityRules\":[{\"name\":\"r\","
                + "\"properties\":{\"access\":\"Allow\",\"direction\":\"Inbound\",\"priority\":100}}]}}");

        found.addAll(ArmWire.deviations("PUT", NSG, SPEC_VERSION, request, new ArmAnswer(201, nsg("Tcp"), lroHeaders())));

        assertThat(found).contains("request.properties.securityRules[0].properties.protocol is required");
    }

    @Test
    void check_shouldRecordLongRunningHeadersOnAShortOperation_andAnErrorOutOfShape() throws Exception {
        found.addAll(ArmWire.deviations("GET", NSG, SPEC_VERSION, null, new ArmAnswer(200, nsg("Tcp"), lroHeaders())));
        found.addAll(ArmWire.deviations("GET", NSG, SPEC_VERSION, null, new ArmAnswer(404, JSON.readTree("{\"code\":\"NotFound\"}"), Map.of())));

        assertThat(found).contains(
                "answer carries Azure-AsyncOperation on an operation that is not x-ms-long-running-operation",
                "error answer 404 is not {\"error\": {\"code\", \"message\"}}");
    }

    @Test
    void check_shouldRecordAnswerTypesThatDepartFromTheSchema() throws Exception {
        JsonNode wrongType = nsg("Tcp");
        ((ObjectNode) wrongType.at("/properties/securityRules/0/properties")).put("priority", "high");

        found.addAll(ArmWire.deviations("GET", NSG, SPEC_VERSION, null, ArmAnswer.ok(wrongType)));

        assertThat(found).containsExactly("answer.properties.securityRules[0].properties.priority is string, the spec says integer");
    }

    @Test
    void check_shouldRecordAConnectionAnswerOutOfItsModel_whereNoSpecIsOnHand() throws Exception {
        assumeTrue(ArmWire.modelsOnHand(), "no /usr/bin/python3 with python3-azure: no models to check against");
        JsonNode request = JSON.readTree("{\"location\":\"westeurope\",\"properties\":{\"connectionType\":\"IPsec\"}}");
        JsonNode answer = JSON.readTree("{\"id\":\"" + CONNECTION + "\",\"location\":\"westeurope\",\"properties\":"
                + "{\"connectionType\":\"IPsecTunnel\",\"connectionProtocol\":\"IKEv2\",\"enableBgp\":\"yes\","
                + "\"virtualNetworkGateway1\":{\"properties\":{}}}}");

        found.addAll(ArmWire.deviations("PUT", CONNECTION, SPEC_VERSION, request, new ArmAnswer(201, answer, lroHeaders())));

        assertThat(found).containsExactlyInAnyOrder(
                "request.properties.virtualNetworkGateway1 is required",
                "answer.properties.connectionType is 'IPsecTunnel', not one of [\"ExpressRoute\",\"IPsec\",\"VPNClient\",\"Vnet2Vnet\"]",
                "answer.properties.enableBgp is string, the model says bool");
    }

    private static JsonNode rule(String protocol) throws Exception {
        return JSON.readTree("{\"location\":\"westeurope\",\"properties\":{\"securityRules\":[{\"name\":\"r\",\"properties\":"
                + "{\"protocol\":\"" + protocol + "\",\"access\":\"Allow\",\"direction\":\"Inbound\",\"priority\":100}}]}}");
    }

    private static JsonNode nsg(String protocol) throws Exception {
        return JSON.readTree("{\"id\":\"" + NSG + "\",\"name\":\"nsg1\",\"type\":\"Microsoft.Network/networkSecurityGroups\","
                + "\"location\":\"westeurope\",\"properties\":{\"provisioningState\":\"Succeeded\",\"securityRules\":[{\"id\":\"" + NSG
                + "/securityRules/r\",\"name\":\"r\",\"properties\":{\"protocol\":\"" + protocol + "\",\"access\":\"Allow\","
                + "\"direction\":\"Inbound\",\"priority\":100,\"provisioningState\":\"Succeeded\"}}]}}");
    }

    private static Map<String, String> lroHeaders() {
        return Map.of("Azure-AsyncOperation", "https://127.0.0.1/op", "Location", "https://127.0.0.1/op");
    }
}
