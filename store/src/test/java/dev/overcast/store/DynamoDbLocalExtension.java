package dev.overcast.store;

import dev.overcast.dynamodb.local.LocalDynamoDb;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Starts DynamoDB Local once per test run and gives each test that asks for a {@link FreshStore}
 * its own set of newly created tables (a unique table prefix) and a manual clock.
 */
public final class DynamoDbLocalExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);
    private static final AtomicInteger TABLE_SETS = new AtomicInteger();

    /** One test's tables, clock and store, on the shared DynamoDB Local. */
    public record FreshStore(LocalDynamoDb dynamoDb, DynamoDbClient client, Tables tables, ManualClock clock, Store store) {

        /** Another store over the same tables and clock, through a different client (e.g. with interceptors). */
        public Store storeWith(DynamoDbClient otherClient) {
            return Store.create(otherClient, tables, clock);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FreshStore.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, type -> new Running(), Running.class);
        Tables tables = new Tables("t" + TABLE_SETS.incrementAndGet() + "-");
        tables.createAll(running.client);
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        return new FreshStore(running.dynamoDb, running.client, tables, clock, Store.create(running.client, tables, clock));
    }

    /** Closed by JUnit when the run ends. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final LocalDynamoDb dynamoDb = LocalDynamoDb.start();
        final DynamoDbClient client = dynamoDb.client();

        @Override
        public void close() {
            client.close();
            dynamoDb.close();
        }
    }
}
