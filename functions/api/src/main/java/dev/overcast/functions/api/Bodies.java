package dev.overcast.functions.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.overcast.core.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request bodies: one JSON object and nothing after it, each key once, said to be JSON by their content
 * type ({@code application/json}, with at most a UTF-8 charset: RFC 8259 JSON is UTF-8).
 */
final class Bodies {
    private static final Pattern JSON_MEDIA_TYPE = Pattern.compile("(?i)application/json\\s*(;\\s*charset=\"?utf-8\"?\\s*)?");
    /** Jackson's message for {@code STRICT_DUPLICATE_DETECTION}. */
    private static final Pattern DUPLICATE = Pattern.compile("(?s)Duplicate field '(.*)'");
    private Bodies() {
    }

    /** @param example what the body should look like, for the error message */
    static JsonNode object(ObjectMapper json, ApiRequest request, String example) {
        String type = request.header("Content-Type").orElse("");
        if (!JSON_MEDIA_TYPE.matcher(type).matches()) {
            throw ApiException.unsupportedMediaType("the body must be application/json, was '" + type + "'");
        }
        if (request.body().isBlank()) {
            throw ApiException.invalid(new Violation("", "required", "a JSON body is required: " + example));
        }
        try {
            // readTree alone stops after the first value, so "{…} ]" or a body with a NUL appended would pass.
            JsonNode body = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(request.body());
            if (body == null || !body.isObject()) {
                throw ApiException.invalid(new Violation("", "type", "the body must be a JSON object: " + example));
            }
            return body;
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
            if (duplicate.matches()) {
                throw ApiException.invalid(new Violation(duplicate.group(1), "duplicate-key", "the key is given more than once"));
            }
            throw ApiException.invalid(new Violation("", "format", "the body is not JSON: " + e.getOriginalMessage()));
        }
    }

    /** Refuses every field of {@code body} that is not one of {@code declared} (the contract's schema lists them). */
    static void onlyDeclared(JsonNode body, Set<String> declared) {
        List<Violation> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!declared.contains(field)) {
                unknown.add(new Violation(field, "unknown-field", "not a field of this request; the fields are " + new TreeSet<>(declared)));
            }
        });
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("the body has " + unknown.size() + " undeclared field(s)", unknown);
        }
    }
}
