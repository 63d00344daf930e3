package dev.overcast.cloudsim.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.overcast.cloudsim.wire.WireCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ARM wire check against the Azure REST specs: what it records as deviating, and what it lets pass. */
class ArmWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NSG = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg1";
    private static final String SPEC_VERSION = "2024-05-01";

    private String modeBefore;
    private int mark;

    @BeforeEach
    void report() {
        modeBefore = System.getProperty(WireCheck.MODE_PROPERTY);
        System.setProperty(WireCheck.MODE_PROPERTY, "report");
        assumeFalse(new ArmWire().definedOperations().isEmpty(), "no shared/specs/azure beside the repository: nothing to check against");
        mark = WireCheck.mark();
    }

    @AfterEach
    void restore() {
        if (modeBefore == null) {
            System.clearProperty(WireCheck.MODE_PROPERTY);
        } else {
            System.setProperty(WireCheck.MODE_PROPERTY, modeBefore);
        }
    }

    @Test
    void check_shouldPassAnNsgCreate_thatTheSpecDeclares() throws Exception {
        ArmWire.check("PUT", NSG, SPEC_VERSION, rule("Tcp"), new ArmAnswer(201, nsg("Tcp"), lroHeaders()), "PUT networkSecurityGroups");

        assertThat(WireCheck.deviationsSince(mark)).isEmpty();
    }

    @Test
    void check_shouldRecordAStatusTheOperationDoesNotDeclare() throws Exception {
        ArmWire.check("PUT", NSG, SPEC_VERSION, rule("Tcp"), new ArmAnswer(202, nsg("Tcp"), lroHeaders()), "PUT networkSecurityGroups");

        assertThat(deviations()).containsExactly("answered 202, the operation declares 200/201");
    }

    @Test
    void check_shouldRecordAnAcceptedRequestMissingARequiredProperty() throws Exception {
        JsonNode request = JSON.readTree("{\"location\":\"westeurope\",\"properties\":{\"securityRules\":[{\"name\":\"r\","
                + "\"properties\":{\"access\":\"Allow\",\"direction\":\"Inbound\",\"priority\":100}}]}}");

        ArmWire.check("PUT", NSG, SPEC_VERSION, request, new ArmAnswer(201, nsg("Tcp"), lroHeaders()), "PUT networkSecurityGroups");

        assertThat(deviations()).contains("request.properties.securityRules[0].properties.protocol is required");
    }

    @Test
    void check_shouldRecordLongRunningHeadersOnAShortOperation_andAnErrorOutOfShape() throws Exception {
        ArmWire.check("GET", NSG, SPEC_VERSION, null, new ArmAnswer(200, nsg("Tcp"), lroHeaders()), "GET networkSecurityGroups");
        ArmWire.check("GET", NSG, SPEC_VERSION, null, new ArmAnswer(404, JSON.readTree("{\"code\":\"NotFound\"}"), Map.of()),
                "GET networkSecurityGroups");

        assertThat(deviations()).contains(
                "answer carries Azure-AsyncOperation on an operation that is not x-ms-long-running-operation",
                "error answer 404 is not {\"error\": {\"code\", \"message\"}}");
    }

    @Test
    void check_shouldRecordAnswerTypesThatDepartFromTheSchema() throws Exception {
        JsonNode wrongType = nsg("Tcp");
        ((ObjectNode) wrongType.at("/properties/securityRules/0/properties")).put("priority", "high");

        ArmWire.check("GET", NSG, SPEC_VERSION, null, ArmAnswer.ok(wrongType), "GET networkSecurityGroups");

        assertThat(deviations()).containsExactly("answer.properties.securityRules[0].properties.priority is string, the spec says integer");
    }

    private List<String> deviations() {
        return WireCheck.deviationsSince(mark).stream().map(WireCheck.Deviation::what).toList();
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
