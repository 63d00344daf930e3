package dev.overcast.clouds.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.httpjson.HttpJsonStatusCode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.compute.v1.Error;
import com.google.cloud.compute.v1.Errors;
import com.google.cloud.compute.v1.Operation;
import dev.overcast.core.cloud.exceptions.CloudException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcpErrorsTest {

    private record Case(int status, String reason, boolean retryable) {}

    @Test
    void classify_shouldSplitComputeErrorsIntoRetryableAndTerminal_keepingTheReason() {
        Map<String, Case> cases = Map.of(
                "throttled", new Case(403, "rateLimitExceeded", true),
                "user throttled", new Case(403, "userRateLimitExceeded", true),
                "quota", new Case(403, "quotaExceeded", false),
                "forbidden", new Case(403, "forbidden", false),
                "bad request", new Case(400, "invalid", false),
                "in use", new Case(400, "resourceInUseByAnotherResource", true),
                "not visible yet", new Case(404, "notFound", true),
                "exists", new Case(409, "alreadyExists", false),
                "backend", new Case(503, "backendError", true),
                "internal", new Case(500, "internalError", true));
        cases.forEach((name, c) -> {
            CloudException classified = GcpErrors.classify("networks.insert", failure(c.status(), c.reason()));

            assertThat(classified.retryable()).as(name).isEqualTo(c.retryable());
            assertThat(classified.code()).as(name).isEqualTo(c.reason());
            assertThat(classified.getMessage()).as(name).contains("networks.insert", "what Compute said");
        });
    }

    @Test
    void classify_shouldRetry_whenComputeGaveNoAnswer() {
        ApiException noAnswer = ApiExceptionFactory.createException(new IOException("connection refused"),
                HttpJsonStatusCode.of(StatusCode.Code.UNAVAILABLE), true);

        assertThat(GcpErrors.classify("networks.list", noAnswer).retryable()).isTrue();
    }

    @Test
    void fromOperation_shouldRetryADeleteRefusedWhileInUse_butNotAQuota() {
        assertThat(GcpErrors.fromOperation("networks.delete", failed("RESOURCE_IN_USE_BY_ANOTHER_RESOURCE", 400)).retryable()).isTrue();
        assertThat(GcpErrors.fromOperation("instances.insert", failed("QUOTA_EXCEEDED", 403)).retryable()).isFalse();
        assertThat(GcpErrors.fromOperation("instances.insert", failed("QUOTA_EXCEEDED", 403)).code()).isEqualTo("QUOTA_EXCEEDED");
    }

    private static ApiException failure(int status, String reason) {
        String body = "{\"error\":{\"code\":" + status + ",\"message\":\"what Compute said\",\"errors\":[{\"domain\":\"global\",\"reason\":\""
                + reason + "\",\"message\":\"what Compute said\"}]}}";
        HttpResponseException http = new HttpResponseException.Builder(status, "status " + status, new HttpHeaders()).setContent(body).build();
        return ApiExceptionFactory.createException(http, HttpJsonStatusCode.of(status), false);
    }

    private static Operation failed(String code, int status) {
        return Operation.newBuilder().setStatus(Operation.Status.DONE).setHttpErrorStatusCode(status)
                .setError(Error.newBuilder().addErrors(Errors.newBuilder().setCode(code).setMessage("refused"))).build();
    }
}
