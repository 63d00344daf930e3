package dev.overcast.endpoints.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local stand-in for the Cognito authorizer: bearer tokens from a YAML file
 * ({@code tokens: {TOKEN: tenant, …}}, see {@code examples/auth/tokens.yaml}), each naming its tenant.
 */
public record Tokens(Map<String, String> tenants) {

    public static Tokens read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokens file " + file + ": " + e.getMessage(), e);
        }
        JsonNode tokens = root == null ? null : root.get("tokens");
        if (tokens == null || !tokens.isObject() || tokens.isEmpty()) {
            throw new IllegalArgumentException(file + ": tokens: required, a map of token → tenant");
        }
        Map<String, String> tenants = new LinkedHashMap<>();
        tokens.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual() || entry.getValue().asText().isBlank()) {
                throw new IllegalArgumentException(file + ": tokens." + entry.getKey() + ": must name a tenant");
            }
            tenants.put(entry.getKey(), entry.getValue().asText());
        });
        return new Tokens(Map.copyOf(tenants));
    }

    /** The tenant of an {@code Authorization} header's bearer token, if the header holds a known one. */
    public Optional<String> tenant(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(tenants.get(authorization.substring(7).trim()));
    }
}
