package dev.overcast.functions.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.core.spec.Violation;
import java.util.Locale;

/** Request bodies: one JSON object and nothing after it, said to be JSON by their content type. */
final class Bodies {
    private Bodies() {
    }

    /** @param example what the body should look like, for the error message */
    static JsonNode object(ObjectMapper json, ApiRequest request, String example) {
        String type = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("the body must be application/json, was '" + type + "'");
        }
        if (request.body().isBlank()) {
            throw ApiException.invalid(new Violation("", "required", "a JSON body is required: " + example));
        }
        try {
            // readTree alone stops after the first value, so "{…} ]" or a body with a NUL appended would pass.
            JsonNode body = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(request.body());
            if (body == null || !body.isObject()) {
                throw ApiException.invalid(new Violation("", "type", "the body must be a JSON object: " + example));
            }
            return body;
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(new Violation("", "format", "the body is not JSON: " + e.getOriginalMessage()));
        }
    }
}
