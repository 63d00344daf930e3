package dev.overcast.cloudsim.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What the front answers: status, JSON body (null for none) and extra headers. */
record ArmAnswer(int status, JsonNode body, Map<String, String> headers) {

    static ArmAnswer ok(JsonNode body) {
        return new ArmAnswer(200, body, Map.of());
    }
}
