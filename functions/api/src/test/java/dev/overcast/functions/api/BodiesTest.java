package dev.overcast.functions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void object_shouldRefuseTheBody_whenSomethingFollowsTheObject() {
        for (String body : new String[] {"{\"name\": \"demo\"} ]", "{\"name\": \"demo\"}\u0000", "{\"name\": \"demo\"} {}"}) {
            ApiException refused = catchThrowableOfType(ApiException.class, () -> Bodies.object(JSON, request(body), "a spec"));

            assertThat(refused).as(body).isNotNull();
            assertThat(refused.problem().status()).isEqualTo(400);
            assertThat(refused.problem().violations()).singleElement()
                    .satisfies(v -> assertThat(v.rule()).isEqualTo("format"));
        }
    }

    @Test
    void object_shouldReadTheBody_whenOnlyWhitespaceFollowsIt() {
        assertThat(Bodies.object(JSON, request("{\"name\": \"demo\"}\n  "), "a spec").path("name").asText()).isEqualTo("demo");
    }

    private static ApiRequest request(String body) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", "application/json");
        return new ApiRequest("POST", "/clusters", "/clusters", Map.of(), Map.of(), headers, body, "team-a");
    }
}
