package dev.overcast.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.overcast.core.spec.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a handler needs from an API Gateway proxy event: the route ({@code resource} is the path
 * template, e.g. {@code /clusters/{id}}), its parameters, headers (case-insensitive), the body as
 * text, and the tenant the authorizer established.
 */
record ApiRequest(String method, String resource, String path, Map<String, String> pathParameters,
                  Map<String, String> query, Map<String, String> headers, String body, String tenant) {

    static ApiRequest of(APIGatewayProxyRequestEvent event, String tenant) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.getHeaders() != null) {
            headers.putAll(event.getHeaders());
        }
        String body = event.getBody();
        if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            body = decoded(body);
        }
        return new ApiRequest(event.getHttpMethod().toUpperCase(Locale.ROOT), event.getResource(), event.getPath(),
                orEmpty(event.getPathParameters()), orEmpty(event.getQueryStringParameters()), headers,
                body == null ? "" : body, tenant);
    }

    private static String decoded(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new Violation("", "format", "the body is marked base64 but is not: " + e.getMessage()));
        }
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    String route() {
        return method + " " + resource;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).filter(value -> !value.isBlank());
    }

    String id() {
        return pathParameters.getOrDefault("id", "");
    }

    int bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }
}
