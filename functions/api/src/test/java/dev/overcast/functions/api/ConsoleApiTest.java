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

    private static ApiRequest post(String key) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Idempotency-Key", key);
        return new ApiRequest("POST", "/clusters", "/clusters", Map.of(), Map.of(), headers, "{}", "team-a");
    }
}
