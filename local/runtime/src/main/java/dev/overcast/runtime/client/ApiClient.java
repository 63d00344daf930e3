package dev.overcast.runtime.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The console API over HTTP, local or deployed: bearer token, JSON in and out, every POST with a fresh
 * {@code Idempotency-Key} (so the client's own retry of a request never runs it twice). A refusal comes
 * back as {@link ApiError} holding the problem document.
 */
final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String token;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ApiClient(URI endpoint, String token, ObjectMapper json) {
        this.endpoint = endpoint;
        this.token = token;
        this.json = json;
    }

    JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    JsonNode post(String path, JsonNode body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        String base = endpoint.toString().replaceAll("/+$", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApiError(0, null, "cannot reach " + endpoint + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(0, null, "interrupted");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400) {
            throw new ApiError(response.statusCode(), body, body != null && body.hasNonNull("detail")
                    ? body.get("detail").asText() : "HTTP " + response.statusCode());
        }
        return body;
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
