package dev.overcast.functions.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.overcast.functions.api.Flow;
import dev.overcast.functions.lambda.LambdaClients;
import dev.overcast.functions.lambda.PrimingStub;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The path the API function primes before its snapshot, run against the stub as the hook runs it. */
class ApiLambdaPrimingTest {

    @Test
    void primedPath_shouldListATenantsClustersFromTheStubsEmptyTable() {
        Map<Flow, String> arns = new EnumMap<>(Flow.class);
        for (Flow flow : Flow.values()) {
            arns.put(flow, "arn:aws:states:us-east-1:111111111111:stateMachine:overcast-priming-" + flow.machine());
        }
        try (PrimingStub stub = PrimingStub.start()) {
            APIGatewayProxyResponseEvent answer = ApiLambda.listClustersOn(stub.endpoint(), new LambdaClients(), arns);

            assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
            assertThat(stub.answered()).as("reads served by the stub").isPositive();
        }
    }
}
