package dev.overcast.functions.api.lambda;

import dev.overcast.core.plan.Planner;
import dev.overcast.core.region.RegionCatalog;
import dev.overcast.core.spec.InstanceCatalog;
import dev.overcast.functions.api.ApiFunctions;
import dev.overcast.functions.api.Flow;
import dev.overcast.functions.api.Flows;
import dev.overcast.functions.lambda.LambdaEnvironment;
import dev.overcast.store.Store;
import dev.overcast.store.Tables;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
        DynamoDbClient dynamoDb = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        Store store = Store.create(dynamoDb, new Tables(LambdaEnvironment.required("OVERCAST_TABLE_PREFIX")), Clock.systemUTC());
        SfnClient sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        Map<Flow, String> arns = new EnumMap<>(Flow.class);
        for (Flow flow : Flow.values()) {
            arns.put(flow, LambdaEnvironment.required(flow.machine().toUpperCase(Locale.ROOT).replace('-', '_') + "_ARN"));
        }
        RegionCatalog regions = RegionCatalog.standard();
        // The API function holds no grant in the customers' accounts (only the step functions assume
        // their roles), so its dry runs plan without a preflight; `overcast preflight` runs one with them.
        ApiFunctions.register(context, new ApiFunctions.Wiring(store, new Planner(regions,
                InstanceCatalog.standard()), regions, new Flows(sfn, arns), Clock.systemUTC(), Optional.empty()));
    }
}
