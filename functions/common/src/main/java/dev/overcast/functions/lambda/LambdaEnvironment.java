package dev.overcast.functions.lambda;

import dev.overcast.core.plan.Planner;
import dev.overcast.functions.CloudAdapters;
import dev.overcast.functions.OvercastFunctions;
import dev.overcast.functions.check.InventoryNodeCheck;
import dev.overcast.functions.check.PlannedLatency;
import dev.overcast.store.Store;
import dev.overcast.store.Tables;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a deployed function reads from its Lambda environment: the table prefix (template.yaml sets
 * {@code OVERCAST_TABLE_PREFIX}); region and credentials come from the Lambda runtime as usual.
 */
public final class LambdaEnvironment {
    static final String TABLE_PREFIX = "OVERCAST_TABLE_PREFIX";

    private LambdaEnvironment() {
    }

    public static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required (set in template.yaml)");
        }
        return value;
    }

    public static OvercastFunctions.Wiring wiring(CloudAdapters adapters, LambdaClients clients) {
        DynamoDbClient dynamoDb = clients.configure(DynamoDbClient.builder()).build();
        Store store = Store.create(dynamoDb, new Tables(required(TABLE_PREFIX)), Clock.systemUTC());
        return new OvercastFunctions.Wiring(store, Planner.standard(), adapters, new InventoryNodeCheck(store),
                new PlannedLatency(), Clock.systemUTC());
    }
}
