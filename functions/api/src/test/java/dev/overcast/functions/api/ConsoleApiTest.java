package dev.overcast.functions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ConsoleApiTest {

    @Test
    void idempotencyKey_shouldBeRefused_whenLongerThanTheContractAllows() {
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> ConsoleApi.idempotencyKey(post("k".repeat(ConsoleApi.MAX_IDEMPOTENCY_KEY_LENGTH + 1))));

        assertThat(refused).isNotNull();
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("Idempotency-Key");
            assertThat(v.rule()).isEqualTo("max-length");
        });
    }

    @Test
    void idempotencyKey_shouldBeTaken_upToTheLimit() {
        String key = "k".repeat(ConsoleApi.MAX_IDEMPOTENCY_KEY_LENGTH);

        assertThat(ConsoleApi.idempotencyKey(post(key))).contains(key);
    }

    @Test
    void scale_shouldRefuseEachFieldFixedAtCreation_byName() throws Exception {
        com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"cloud\": \"aws\", \"workers\": 3, \"masters\": {\"count\": 3}, \"regions\": {\"aws\": \"eu-west-1\"}}");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> ClusterRoutes.refuseFixedAtCreation(body));

        assertThat(refused).isNotNull();
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().violations()).extracting(v -> v.field() + " [" + v.rule() + "]")
                .containsExactlyInAnyOrder("masters [create-only]", "regions [create-only]");
        assertThat(refused.problem().violations()).allSatisfy(v -> assertThat(v.message()).contains("fixed at creation"));
    }

    @Test
    void scale_shouldPassABodyOfCloudAndWorkers() throws Exception {
        com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"cloud\": \"aws\", \"workers\": 3}");

        org.assertj.core.api.Assertions.assertThatCode(() -> ClusterRoutes.refuseFixedAtCreation(body)).doesNotThrowAnyException();
    }

    private static ApiRequest post(String key) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Idempotency-Key", key);
        return new ApiRequest("POST", "/clusters", "/clusters", Map.of(), Map.of(), headers, "{}", "team-a");
    }
}
