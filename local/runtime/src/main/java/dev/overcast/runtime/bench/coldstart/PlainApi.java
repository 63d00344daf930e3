package dev.overcast.runtime.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.overcast.functions.api.ApiFunctions;
import dev.overcast.functions.api.ConsoleApi;
import dev.overcast.functions.api.lambda.ApiLambda;
import dev.overcast.functions.lambda.LambdaClients;

/** The API's baseline: the same console API bean as a plain Lambda handler, no Spring, built once per JVM. */
public final class PlainApi implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final ConsoleApi api = ApiFunctions.consoleApi(ApiLambda.fromEnvironment(new LambdaClients()));

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return api.apply(event);
    }
}
