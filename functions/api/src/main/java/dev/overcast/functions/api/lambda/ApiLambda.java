package dev.overcast.functions.api.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.overcast.core.plan.Planner;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.InstanceCatalog;
import dev.overcast.functions.api.ApiFunctions;
import dev.overcast.functions.api.ConsoleApi;
import dev.overcast.functions.api.Flow;
import dev.overcast.functions.api.Flows;
import dev.overcast.functions.lambda.LambdaClients;
import dev.overcast.functions.lambda.LambdaEnvironment;
import dev.overcast.functions.lambda.Priming;
import dev.overcast.store.Store;
import dev.overcast.store.Tables;
import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The console API's Lambda application. Machine ARNs come from the environment
 * ({@code CREATE_CLUSTER_ARN}, {@code RECONCILE_CLUSTER_ARN}, … as template.yaml sets them).
 */
@SpringBootConfiguration
public class ApiLambda implements ApplicationContextInitializer<GenericApplicationContext> {

    public static void main(String[] args) {
        FunctionalSpringApplication.run(ApiLambda.class, args);
    }

    @Override
    public void initialize(GenericApplicationContext context) {
        LambdaClients clients = new LambdaClients();
        ApiFunctions.register(context, fromEnvironment(clients));
        priming(clients, machineArns()).register(context);
    }

    /** The API's wiring on this function's account: its tables and state machines as template.yaml names them. */
    public static ApiFunctions.Wiring fromEnvironment(LambdaClients clients) {
        return wiring(clients.configure(DynamoDbClient.builder()).build(), new Tables(LambdaEnvironment.required("OVERCAST_TABLE_PREFIX")),
                clients.configure(SfnClient.builder()).build(), machineArns());
    }

    /** Each flow's state machine ARN, from the variables template.yaml sets. */
    public static Map<Flow, String> machineArns() {
        Map<Flow, String> arns = new EnumMap<>(Flow.class);
        for (Flow flow : Flow.values()) {
            arns.put(flow, LambdaEnvironment.required(flow.machine().toUpperCase(Locale.ROOT).replace('-', '_') + "_ARN"));
        }
        return arns;
    }

    public static Priming priming(LambdaClients clients, Map<Flow, String> arns) {
        return new Priming(clients, stub -> listClustersOn(stub.endpoint(), clients, arns));
    }

    /** The API's own path, as primed before the snapshot: a tenant's cluster list, read from the stub's empty table. */
    static APIGatewayProxyResponseEvent listClustersOn(URI stub, LambdaClients clients, Map<Flow, String> arns) {
        return ApiFunctions.consoleApi(wiring(clients.onStub(DynamoDbClient.builder(), stub).build(), new Tables("priming-"),
                clients.onStub(SfnClient.builder(), stub).build(), arns)).apply(listClusters());
    }

    private static ApiFunctions.Wiring wiring(DynamoDbClient dynamoDb, Tables tables, SfnClient sfn, Map<Flow, String> arns) {
        RegionCatalog regions = RegionCatalog.standard();
        // The API function holds no grant in the customers' accounts (only the step functions assume
        // their roles), so its dry runs plan without a preflight; `overcast preflight` runs one with them.
        return new ApiFunctions.Wiring(Store.create(dynamoDb, tables, Clock.systemUTC()), new Planner(regions, InstanceCatalog.standard()),
                regions, new Flows(sfn, arns), Clock.systemUTC(), Optional.empty());
    }

    private static APIGatewayProxyRequestEvent listClusters() {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAuthorizer(Map.of("claims", Map.of(ConsoleApi.TENANT_CLAIM, "priming")));
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withResource("/clusters").withPath("/clusters")
                .withRequestContext(context);
    }
}
