package dev.overcast.store;

import java.time.Duration;
import java.time.InstantSource;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Everything Overcast remembers, over one DynamoDB client and one set of {@link Tables}. Time comes
 * from {@code clock} (lease expiry, timestamps), so the local world can run it on a virtual clock.
 */
public final class Store {
    /** How long progress events are kept before the TTL sweeper removes them. */
    public static final Duration PROGRESS_RETENTION = Duration.ofDays(30);
    /** How long an Idempotency-Key's answer is replayed. */
    public static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);

    private final ClusterStore clusters;
    private final InventoryStore inventory;
    private final LeaseLocks locks;
    private final ChangeQueue changes;
    private final ProgressLog progress;
    private final IdempotencyKeys idempotency;

    private Store(DynamoDbClient client, Tables tables, InstantSource clock) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.locks = new LeaseLocks(client, tables.table(enhanced, TableSchemas.LOCKS), clock);
        this.clusters = new ClusterStore(enhanced, tables.table(enhanced, TableSchemas.CLUSTERS), locks, clock);
        this.inventory = new InventoryStore(enhanced, tables.table(enhanced, TableSchemas.INVENTORY), locks);
        this.changes = new ChangeQueue(enhanced, tables.table(enhanced, TableSchemas.CHANGES), clusters, locks, clock);
        this.progress = new ProgressLog(enhanced, tables.table(enhanced, TableSchemas.PROGRESS), PROGRESS_RETENTION, clock);
        this.idempotency = new IdempotencyKeys(tables.table(enhanced, TableSchemas.IDEMPOTENCY), IDEMPOTENCY_RETENTION, clock);
    }

    public static Store create(DynamoDbClient client, Tables tables, InstantSource clock) {
        return new Store(client, tables, clock);
    }

    public ClusterStore clusters() {
        return clusters;
    }

    public InventoryStore inventory() {
        return inventory;
    }

    public LeaseLocks locks() {
        return locks;
    }

    public ChangeQueue changes() {
        return changes;
    }

    public ProgressLog progress() {
        return progress;
    }

    public IdempotencyKeys idempotency() {
        return idempotency;
    }
}
