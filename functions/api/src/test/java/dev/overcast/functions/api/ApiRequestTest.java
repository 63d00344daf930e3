package dev.overcast.functions.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    @Test
    void of_shouldRefuseTheBody_whenItIsMarkedBase64ButIsNot() {
        APIGatewayProxyRequestEvent event = event("{\"name\": \"demo\"}");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> ApiRequest.of(event, "team-a"));

        assertThat(refused).isNotNull();
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEmpty();
            assertThat(v.rule()).isEqualTo("format");
        });
    }

    @Test
    void of_shouldDecodeTheBody_whenItIsBase64() {
        String body = "{\"name\": \"démo\"}";

        ApiRequest request = ApiRequest.of(event(Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))), "team-a");

        assertThat(request.body()).isEqualTo(body);
    }

    private static APIGatewayProxyRequestEvent event(String body) {
        return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withResource("/clusters").withPath("/clusters")
                .withBody(body).withIsBase64Encoded(true);
    }
}
