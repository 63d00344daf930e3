package dev.overcast.clouds.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import dev.overcast.core.cloud.exceptions.CloudException;
import dev.overcast.core.cloud.exceptions.RetryableCloudException;
import dev.overcast.core.cloud.exceptions.TerminalCloudException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class AzureErrorsTest {

    @ParameterizedTest(name = "{0} {1} → retryable {2}")
    @CsvSource({
            "429, TooManyRequests, true",
            "500, InternalServerError, true",
            "503, ServiceUnavailable, true",
            "400, InUseSubnetCannotBeDeleted, true",
            "400, PublicIPAddressInUse, true",
            "404, ResourceGroupNotFound, true",
            "400, ReferencedResourceNotProvisioned, true",
            "409, AnotherOperationInProgress, true",
            "400, InvalidRequestFormat, false",
            "409, PublicIPCountLimitReached, false",
            "403, AuthorizationFailed, false"})
    void classify_shouldSplitByStatusAndCode(int status, String code, boolean retryable) {
        CloudException classified = AzureErrors.classify("Create", failure(status, code, null));

        assertThat(classified.retryable()).isEqualTo(retryable);
        assertThat(classified).isInstanceOf(retryable ? RetryableCloudException.class : TerminalCloudException.class);
        assertThat(classified.code()).isEqualTo(code);
    }

    @Test
    void classify_shouldKeepRetryAfter_whenArmSaysHowLongToWait() {
        assertThat(AzureErrors.classify("List", failure(429, "TooManyRequests", "7")).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void removing_shouldSucceed_whenTheResourceIsGone_andFailClassifiedOtherwise() {
        assertThatCode(() -> AzureErrors.removing("Delete", () -> {
            throw failure(404, "ResourceGroupNotFound", null);
        })).doesNotThrowAnyException();
        assertThatThrownBy(() -> AzureErrors.removing("Delete", () -> {
            throw failure(400, "NicInUse", null);
        })).isInstanceOf(RetryableCloudException.class);
    }

    @Test
    void listing_shouldBeEmpty_whenTheResourceGroupDoesNotExistYet() {
        assertThat(AzureErrors.<String>listing("List", () -> {
            throw failure(404, "ResourceGroupNotFound", null);
        })).isEmpty();
    }

    private static ManagementException failure(int status, String code, String retryAfter) {
        HttpHeaders headers = new HttpHeaders();
        if (retryAfter != null) {
            headers.set("Retry-After", retryAfter);
        }
        HttpResponse response = new HttpResponse(new HttpRequest(HttpMethod.GET, "https://127.0.0.1/")) {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            public String getHeaderValue(String name) {
                return headers.getValue(name);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<ByteBuffer> getBody() {
                return Flux.empty();
            }

            @Override
            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.empty();
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.empty();
            }

            @Override
            public Mono<String> getBodyAsString(Charset charset) {
                return Mono.empty();
            }
        };
        return new ManagementException(code, response, new ManagementError(code, "message of " + code));
    }

}
