package dev.overcast.store;

import dev.overcast.store.internal.ItemLimits;
import dev.overcast.store.internal.ProgressItem;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

/**
 * Events per execution for the console. Not guarded by a lease: an event from a holder that lost its
 * lease is still true history. Each event expires {@code retention} after it happened through the
 * table's TTL attribute; reads do not filter expired events, since a few days' late sweep is harmless.
 */
public final class ProgressLog {
    /** DynamoDB's limit on items per BatchWriteItem. */
    static final int BATCH_SIZE = 25;
    private static final int BATCH_ATTEMPTS = 10;
    private static final long BASE_BACKOFF_NANOS = 5_000_000;
    /** Orders events of one process that share a millisecond (the local world's virtual clock stands still). */
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /**
     * Tells apart events of two processes with the same millisecond and sequence, such as two Lambda
     * copies restored from one SnapStart snapshot: SecureRandom draws fresh kernel entropy, where a
     * seeded generator (ThreadLocalRandom) would repeat in every copy (AWS Lambda developer guide,
     * "Handling uniqueness with Lambda SnapStart").
     */
    private static final SecureRandom KEY_SUFFIXES = new SecureRandom();

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<ProgressItem> table;
    private final Duration retention;
    private final InstantSource clock;

    ProgressLog(DynamoDbEnhancedClient enhanced, DynamoDbTable<ProgressItem> table, Duration retention, InstantSource clock) {
        this.enhanced = enhanced;
        this.table = table;
        this.retention = retention;
        this.clock = clock;
    }

    public void record(ProgressEvent event) {
        table.putItem(checked(event));
    }

    /**
     * Records many events with BatchWriteItem, {@value #BATCH_SIZE} at a time, sending again whatever
     * DynamoDB returns unprocessed (throttling) with growing back-off until everything is written.
     */
    public void recordAll(List<ProgressEvent> events) {
        List<ProgressItem> items = events.stream().map(this::checked).toList();
        for (int from = 0; from < items.size(); from += BATCH_SIZE) {
            List<ProgressItem> batch = items.subList(from, Math.min(items.size(), from + BATCH_SIZE));
            for (int attempt = 1; !batch.isEmpty(); attempt++) {
                if (attempt > BATCH_ATTEMPTS) {
                    throw new IllegalStateException(batch.size() + " progress events stayed unprocessed after "
                            + BATCH_ATTEMPTS + " attempts");
                }
                if (attempt > 1) {
                    long backoff = BASE_BACKOFF_NANOS << Math.min(attempt, 8);
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(backoff / 2, backoff));
                }
                WriteBatch.Builder<ProgressItem> write = WriteBatch.builder(ProgressItem.class).mappedTableResource(table);
                batch.forEach(write::addPutItem);
                BatchWriteResult result = enhanced.batchWriteItem(BatchWriteItemEnhancedRequest.builder()
                        .writeBatches(write.build()).build());
                batch = new ArrayList<>(result.unprocessedPutItemsForTable(table));
            }
        }
    }

    /** The execution's events in the order they happened. */
    public List<ProgressEvent> events(String executionId) {
        ItemLimits.checkPartitionKey(table.tableName(), "executionId", executionId);
        return table.query(r -> r
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(executionId).build()))
                        .consistentRead(true))
                .items().stream().map(ProgressLog::event).toList();
    }

    /** Every event of every execution on the cluster, in the order they happened. */
    public List<ProgressEvent> eventsOfCluster(String clusterId) {
        ItemLimits.checkPartitionKey(table.tableName(), "clusterId", clusterId);
        return table.index(ProgressItem.BY_CLUSTER)
                .query(QueryConditional.keyEqualTo(Key.builder().partitionValue(clusterId).build()))
                .stream().flatMap(page -> page.items().stream()).map(ProgressLog::event).toList();
    }

    private ProgressItem checked(ProgressEvent event) {
        ProgressItem item = new ProgressItem();
        item.setExecutionId(event.executionId());
        item.setClusterId(event.clusterId());
        item.setStep(event.step());
        item.setStatus(event.status());
        item.setAt(event.at() == null ? clock.instant() : event.at());
        item.setDetail(event.detail());
        item.setEventKey(String.format("%013d-%012d-%s", item.getAt().toEpochMilli(), SEQUENCE.incrementAndGet(),
                HexFormat.of().toHexDigits(KEY_SUFFIXES.nextInt())));
        item.setExpiresAt(item.getAt().plus(retention).getEpochSecond());
        ItemLimits.check(table.tableName(), table.tableSchema(), item);
        return item;
    }

    private static ProgressEvent event(ProgressItem item) {
        return new ProgressEvent(item.getExecutionId(), item.getClusterId(), item.getStep(), item.getStatus(),
                item.getAt(), item.getDetail());
    }
}
